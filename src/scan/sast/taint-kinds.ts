/**
 * The kinds of sink a tainted value can still be dangerous for. A taint value is a bit mask of these
 * kinds (0 = clean): sources give ALL, sanitizers clear the bits they protect, sinks test one bit.
 */
export const KIND = {
  sql: 1, cmd: 2, code: 4, path: 8, ssrf: 16, xss: 32, redirect: 64, deser: 128, ldap: 256, xpath: 512, proto: 1024, trust: 2048, regex: 4096, custom: 8192,
} as const;
export type TaintKind = keyof typeof KIND;
export const ALL = 0x3fff;
