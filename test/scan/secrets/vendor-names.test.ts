import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../src/scan/secrets/matcher.js';
import { SECRET_RULES } from '../../../src/scan/secrets/rules/index.js';
import { expandSample } from '../../../src/scan/secrets/sample-text.js';
import { deferredToVendor } from '../../../src/scan/secrets/vendor-names.js';

const all = createMatcher(SECRET_RULES);
const ids = (t: string) => all.find(expandSample(t)).map((m) => m.rule.id);

describe('generic rules defer to a vendor rule on a near miss of its format', () => {
  it('a hex vendor key in the wrong case or with characters run on is nobody\'s: no finding at all', () => {
    expect(ids('MERAKI_API_KEY: {hex:12}D{hex:27}')).toEqual([]);
    expect(ids('merakiToken = "{hex:40}{a62:6}9"')).toEqual([]);
  });

  it('a well-formed vendor key is the vendor rule\'s finding, and a value of another shape stays generic', () => {
    expect(ids('MERAKI_API_KEY: {hex:40}')).toEqual(['secrets.cisco-meraki-api-key']);
    // An Azure AD client secret is not the storage-key or DevOps-PAT format the Azure rules know.
    expect(ids('AZURE_CLIENT_SECRET="{a62:8}~{a62:31}"')).toEqual(['secrets.generic-secret']);
  });

  it('reads the whole name around the generic keyword, and generic words are never a vendor', () => {
    const key = expandSample('{hex:39}A');
    expect(deferredToVendor(`cisco.meraki_api_key=${key}`, 'cisco.meraki_'.length, key)).toBe(true);
    expect(deferredToVendor(`other_api_key=${key}`, 'other_'.length, key)).toBe(false);
    // The Vault rule looks for "vault" or "token" next to its legacy token: only "vault" is a vendor name.
    const legacy = expandSample('s.{a62:24}');
    expect(deferredToVendor(`auth_token=${legacy}`, 'auth_'.length, legacy)).toBe(false);
    expect(deferredToVendor(`vault_token=${legacy.toUpperCase()}`, 'vault_'.length, legacy.toUpperCase())).toBe(true);
  });
});
