import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { AuthUser } from '../http/context.js';

const ISSUER = 'gonogo-demo-target';
const AUDIENCE = 'gonogo-demo-api';
const VERIFIED_MAX = 10_000;

/**
 * HS256 bearer tokens. Verification pins the algorithm, issuer and audience, so `alg: none`,
 * other algorithms, altered signatures and expired tokens are all rejected.
 */
export class TokenService {
  private readonly key: Uint8Array;
  private readonly verified = new Map<string, { user: AuthUser; expMs: number }>();

  constructor(
    secret: string | undefined,
    readonly ttlSeconds: number,
  ) {
    this.key = secret === undefined ? randomBytes(32) : new TextEncoder().encode(secret);
  }

  issue(user: AuthUser): Promise<string> {
    return new SignJWT({ role: user.role })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.username)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + this.ttlSeconds)
      .sign(this.key);
  }

  /** The user the token names, or undefined for any token that is not ours, valid and current. */
  async verify(token: string): Promise<AuthUser | undefined> {
    // A load test sends the same token thousands of times: remember tokens already verified (the exact
    // bytes, so nothing unverified can hit the memo) until they expire.
    const known = this.verified.get(token);
    if (known && known.expMs > Date.now()) return known.user;
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE, requiredClaims: ['exp', 'sub'] });
      const role = payload.role === 'admin' ? 'admin' : payload.role === 'user' ? 'user' : undefined;
      if (role === undefined || typeof payload.sub !== 'string') return undefined;
      const user: AuthUser = { username: payload.sub, role };
      if (this.verified.size >= VERIFIED_MAX) this.verified.clear();
      this.verified.set(token, { user, expMs: payload.exp! * 1000 });
      return user;
    } catch {
      return undefined;
    }
  }
}

export const TOKEN_CLAIMS = { issuer: ISSUER, audience: AUDIENCE } as const;
