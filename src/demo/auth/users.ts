import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { AuthUser } from '../http/context.js';

/** The demo's fixed accounts (documented in docs/demo-target.md). */
export const DEMO_USERS: readonly { username: string; password: string; role: AuthUser['role'] }[] = [
  { username: 'demo', password: 'demo-password', role: 'user' },
  { username: 'alice', password: 'alice-password', role: 'user' },
  { username: 'admin', password: 'admin-password', role: 'admin' },
];

// scrypt runs on libuv's thread pool. N=2^11 keeps a login around a millisecond, so load tests that log in
// every iteration measure the service, not the hash; a production service would use a far higher cost.
const SCRYPT = { N: 2048, r: 8, p: 1 } as const;

function hash(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, 32, SCRYPT, (err, key) => (err ? reject(err) : resolve(key))));
}

interface Account {
  role: AuthUser['role'];
  salt: Buffer;
  key: Buffer;
}

export class UserDirectory {
  private constructor(
    private readonly accounts: Map<string, Account>,
    private readonly decoy: Account,
  ) {}

  static async create(): Promise<UserDirectory> {
    const accounts = new Map<string, Account>();
    for (const u of DEMO_USERS) {
      const salt = randomBytes(16);
      accounts.set(u.username, { role: u.role, salt, key: await hash(u.password, salt) });
    }
    const salt = randomBytes(16);
    return new UserDirectory(accounts, { role: 'user', salt, key: await hash(randomBytes(16).toString('hex'), salt) });
  }

  /** The user, or undefined. Unknown names still pay for one hash so timing does not tell them apart. */
  async verify(username: string, password: string): Promise<AuthUser | undefined> {
    const account = this.accounts.get(username);
    const a = account ?? this.decoy;
    const key = await hash(password, a.salt);
    const ok = timingSafeEqual(key, a.key);
    return ok && account ? { username, role: account.role } : undefined;
  }
}
