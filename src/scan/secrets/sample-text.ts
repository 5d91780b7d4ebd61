/**
 * Rule samples are written with placeholders that expand to deterministic pseudo-random text, so the rule files
 * hold no secret-shaped literal (scanning our own tree stays clean) yet every sample is a realistic token:
 *   {a62:36}  36 chars of [A-Za-z0-9]     {hex:32}  lower-case hex     {HEX:8}  upper-case hex
 *   {a36:20}  [a-z0-9]    {A36:20} [A-Z0-9]    {b64:40} [A-Za-z0-9+/]    {b64u:43} [A-Za-z0-9_-]
 *   {d:10} digits    {a:8} [a-z]    {A:8} [A-Z]    {A32:16} [A-Z2-7]    {B32:58} bech32 (upper case)    {uuid}  a lower-case UUID
 * The seed is the template itself: the same sample always expands to the same text.
 */
const SETS: Record<string, string> = {
  a62: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  a36: 'abcdefghijklmnopqrstuvwxyz0123456789',
  A36: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  hex: '0123456789abcdef',
  HEX: '0123456789ABCDEF',
  b64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  b64u: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-',
  d: '0123456789',
  a: 'abcdefghijklmnopqrstuvwxyz',
  A: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  A32: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  B32: 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L',
};

export function expandSample(template: string): string {
  let seed = 2166136261;
  for (let i = 0; i < template.length; i++) seed = Math.imul(seed ^ template.charCodeAt(i), 16777619) >>> 0;
  const next = (): number => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (set: string, n: number): string => {
    let out = '';
    for (let i = 0; i < n; i++) out += set[Math.floor(next() * set.length)];
    return out;
  };
  return template.replace(/\{(uuid|[a-zA-Z0-9]+):?(\d*)\}/g, (whole, cs: string, n: string) => {
    if (cs === 'uuid') return `${pick(SETS.hex!, 8)}-${pick(SETS.hex!, 4)}-4${pick(SETS.hex!, 3)}-a${pick(SETS.hex!, 3)}-${pick(SETS.hex!, 12)}`;
    const set = SETS[cs];
    return set === undefined || n === '' ? whole : pick(set, Number(n));
  });
}
