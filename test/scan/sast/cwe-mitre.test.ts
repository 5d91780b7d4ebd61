import { describe, expect, it } from 'vitest';
import { SAST_RULES } from '../../../src/scan/sast/rules/index.js';

/**
 * The CWE of every built-in SAST rule, checked against MITRE's CWE list (names and ChildOf links as CWE 4.x gives
 * them), and the CWE each OWASP Benchmark for Python category expects matched by a rule's CWE or a MITRE child of
 * it: the benchmark's scorecard counts a case only when a finding carries its CWE.
 */
const MITRE: Record<string, { name: string; childOf?: string[] }> = {
  'CWE-20': { name: 'Improper Input Validation' },
  'CWE-22': { name: "Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')" },
  'CWE-78': { name: "Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')" },
  'CWE-79': { name: "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')" },
  'CWE-89': { name: "Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')" },
  'CWE-90': { name: "Improper Neutralization of Special Elements used in an LDAP Query ('LDAP Injection')" },
  'CWE-94': { name: "Improper Control of Generation of Code ('Code Injection')" },
  'CWE-95': { name: "Improper Neutralization of Directives in Dynamically Evaluated Code ('Eval Injection')", childOf: ['CWE-94'] },
  'CWE-208': { name: 'Observable Timing Discrepancy' },
  'CWE-295': { name: 'Improper Certificate Validation' },
  'CWE-319': { name: 'Cleartext Transmission of Sensitive Information' },
  'CWE-326': { name: 'Inadequate Encryption Strength' },
  'CWE-327': { name: 'Use of a Broken or Risky Cryptographic Algorithm' },
  'CWE-328': { name: 'Use of Weak Hash' },
  'CWE-330': { name: 'Use of Insufficiently Random Values' },
  'CWE-338': { name: 'Use of Cryptographically Weak Pseudo-Random Number Generator (PRNG)', childOf: ['CWE-330'] },
  'CWE-347': { name: 'Improper Verification of Cryptographic Signature' },
  'CWE-377': { name: 'Insecure Temporary File' },
  'CWE-489': { name: 'Active Debug Code' },
  'CWE-501': { name: 'Trust Boundary Violation' },
  'CWE-502': { name: 'Deserialization of Untrusted Data' },
  'CWE-601': { name: "URL Redirection to Untrusted Site ('Open Redirect')" },
  'CWE-611': { name: 'Improper Restriction of XML External Entity Reference' },
  'CWE-614': { name: "Sensitive Cookie in HTTPS Session Without 'Secure' Attribute" },
  'CWE-643': { name: "Improper Neutralization of Data within XPath Expressions ('XPath Injection')" },
  'CWE-703': { name: 'Improper Check or Handling of Exceptional Conditions' },
  'CWE-798': { name: 'Use of Hard-coded Credentials' },
  'CWE-916': { name: 'Use of Password Hash With Insufficient Computational Effort', childOf: ['CWE-328'] },
  'CWE-918': { name: 'Server-Side Request Forgery (SSRF)' },
  'CWE-943': { name: 'Improper Neutralization of Special Elements in Data Query Logic' },
  'CWE-1321': { name: "Improperly Controlled Modification of Object Prototype Attributes ('Prototype Pollution')" },
  'CWE-1327': { name: 'Binding to an Unrestricted IP Address' },
  'CWE-1333': { name: 'Inefficient Regular Expression Complexity' },
  'CWE-1336': { name: 'Improper Neutralization of Special Elements Used in a Template Engine' },
};

/** OWASP Benchmark for Python: category -> the CWE its expected-results file gives every case of it. */
const BENCHMARK_CWE: Record<string, string> = {
  cmdi: 'CWE-78', codeinj: 'CWE-94', deserialization: 'CWE-502', hash: 'CWE-328', ldapi: 'CWE-90',
  pathtraver: 'CWE-22', redirect: 'CWE-601', securecookie: 'CWE-614', sqli: 'CWE-89', ssrf: 'CWE-918',
  trustbound: 'CWE-501', weakrand: 'CWE-330', xpathi: 'CWE-643', xss: 'CWE-79', xxe: 'CWE-611',
};

/** The CWE itself or a CWE MITRE lists as its child (one ChildOf step). */
const countsFor = (expected: string, cwe: string): boolean => cwe === expected || (MITRE[cwe]?.childOf ?? []).includes(expected);

describe("SAST rules' CWE ids against MITRE's list", () => {
  it('every built-in rule carries a CWE that MITRE lists', () => {
    const unknown = SAST_RULES.filter((r) => !MITRE[r.cwe]).map((r) => `${r.id}: ${r.cwe}`);
    expect(unknown).toEqual([]);
  });

  it("each benchmark category's expected CWE is carried by a rule, itself or through a MITRE child", () => {
    for (const [category, expected] of Object.entries(BENCHMARK_CWE)) {
      const rules = SAST_RULES.filter((r) => countsFor(expected, r.cwe)).map((r) => r.id);
      expect(rules.length, `${category} (${expected})`).toBeGreaterThan(0);
    }
  });
});
