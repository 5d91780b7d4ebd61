import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../src/scan/secrets/matcher.js';
import { SECRET_RULES } from '../../../src/scan/secrets/rules/index.js';
import { expandSample } from '../../../src/scan/secrets/sample-text.js';

describe('secret rules', () => {
  it('has at least 150 rules with unique ids and complete metadata', () => {
    expect(SECRET_RULES.length).toBeGreaterThanOrEqual(150);
    const ids = SECRET_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of SECRET_RULES) {
      expect(r.id, r.id).toMatch(/^secrets\.[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(r.keywords.length, r.id).toBeGreaterThan(0);
      for (const k of r.keywords) expect(k, r.id).toBe(k.toLowerCase());
      expect(r.cwe).toBe('CWE-798');
      expect(r.remediation.length, r.id).toBeGreaterThan(20);
      expect(r.samples.tp.length, `${r.id} needs true positives`).toBeGreaterThan(0);
      expect(r.samples.fp.length, `${r.id} needs false positives`).toBeGreaterThan(0);
    }
  });

  it('covers the providers the issue names', () => {
    const ids = new Set(SECRET_RULES.map((r) => r.id.slice('secrets.'.length)));
    for (const id of [
      'aws-access-key-id', 'aws-secret-access-key', 'gcp-service-account', 'gcp-api-key', 'azure-storage-account-key', 'azure-storage-key',
      'github-pat', 'github-fine-grained-pat', 'github-app-token', 'gitlab-pat', 'stripe-secret-key', 'slack-bot-token', 'slack-webhook-url',
      'twilio-auth-token', 'sendgrid-api-key', 'mailgun-private-api-key', 'npm-access-token', 'pypi-upload-token', 'dockerhub-pat',
      'openai-api-key', 'anthropic-api-key', 'huggingface-token', 'private-key', 'openssh-private-key', 'pgp-private-key', 'jwt',
      'postgres-url', 'mysql-url', 'mongodb-url', 'redis-url', 'amqp-url', 'generic-password', 'generic-secret', 'generic-api-key',
    ]) expect(ids, id).toContain(id);
  });

  // One test over every rule: each true positive is found by its own rule (gates included), no false positive is.
  for (const r of SECRET_RULES) {
    it(`${r.id}: finds every true positive, no false positive`, () => {
      const m = createMatcher([r]);
      for (const t of r.samples.tp) {
        const text = expandSample(t);
        expect(m.find(text).map((x) => x.rule.id), `missed: ${t}`).toContain(r.id);
        // The prefilter must let the sample through: one of the rule's keywords occurs in it.
        expect(r.keywords.some((k) => text.toLowerCase().includes(k)), `no keyword in: ${t}`).toBe(true);
      }
      for (const t of r.samples.fp) expect(m.find(expandSample(t)), `false positive: ${t}`).toEqual([]);
    });
  }
});
