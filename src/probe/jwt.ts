import { createHmac } from 'node:crypto';

/** Just enough JWT to forge the tokens auth.tamper sends. Pure. */
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

export function isJwt(token: string): boolean {
  return /^eyJ[\w-]*\.[\w-]*\.[\w-]*$/.test(token);
}

export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown>; signature: string } | undefined {
  const [h, p, s] = token.split('.');
  try {
    return { header: JSON.parse(Buffer.from(h!, 'base64url').toString()), payload: JSON.parse(Buffer.from(p!, 'base64url').toString()), signature: s ?? '' };
  } catch {
    return undefined;
  }
}

export function signHs256(payload: Record<string, unknown>, key: string, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const head = `${b64(header)}.${b64(payload)}`;
  return `${head}.${createHmac('sha256', key).update(head).digest('base64url')}`;
}

export function unsigned(payload: Record<string, unknown>, alg = 'none'): string {
  return `${b64({ alg, typ: 'JWT' })}.${b64(payload)}.`;
}

/** The same token with its signature altered (one character changed in the middle). */
export function alterSignature(token: string): string {
  const [h, p, s = ''] = token.split('.');
  if (s.length === 0) return `${h}.${p}.${b64('x')}`;
  const i = Math.floor(s.length / 2);
  const c = s[i] === 'A' ? 'B' : 'A';
  return `${h}.${p}.${s.slice(0, i)}${c}${s.slice(i + 1)}`;
}

/** Secrets that show up in tutorials and default configs; a token signed with one must never be accepted. */
export const WEAK_SECRETS = ['secret', 'changeme', 'your-256-bit-secret', 'jwt-secret', 'password'];
