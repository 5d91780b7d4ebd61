import type { CookieJar } from './api.js';

/**
 * One user's cookies for the target. A run talks to one service, so cookies are kept by name
 * (domain and path are not matched); Max-Age<=0 or an Expires in the past deletes a cookie.
 */
export class UserCookieJar implements CookieJar {
  private jar: Map<string, string> | undefined;
  /** The Cookie header value, rebuilt only when the jar changes. */
  private header: string | undefined;

  get(name: string): string | undefined {
    return this.jar?.get(name);
  }

  set(name: string, value: string): void {
    if (/[;\r\n\0=]/.test(name) || /[;\r\n\0]/.test(value)) throw new TypeError(`cookie ${JSON.stringify(name)}: names and values cannot contain ; CR LF NUL`);
    (this.jar ??= new Map()).set(name, value);
    this.header = undefined;
  }

  delete(name: string): void {
    if (this.jar?.delete(name)) this.header = undefined;
  }

  clear(): void {
    this.jar = undefined;
    this.header = undefined;
  }

  all(): Record<string, string> {
    return Object.fromEntries(this.jar ?? []);
  }

  /** The Cookie request header, or undefined when the jar is empty. */
  cookieHeader(): string | undefined {
    if (!this.jar || this.jar.size === 0) return undefined;
    return (this.header ??= [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '));
  }

  /** Take one Set-Cookie header value. */
  absorb(setCookie: string, now = Date.now()): void {
    const parts = setCookie.split(';');
    const first = parts[0]!;
    const eq = first.indexOf('=');
    if (eq <= 0) return;
    const name = first.slice(0, eq).trim();
    const value = first.slice(eq + 1).trim();
    if (!name || /[\r\n\0]/.test(name + value)) return;
    let expired = false;
    for (let i = 1; i < parts.length; i++) {
      const [k, v = ''] = parts[i]!.split('=', 2).map((s) => s.trim());
      const key = k!.toLowerCase();
      if (key === 'max-age' && Number(v) <= 0) expired = true;
      else if (key === 'expires') {
        const at = Date.parse(v);
        if (Number.isFinite(at) && at <= now) expired = true;
      }
    }
    if (expired) this.delete(name);
    else {
      (this.jar ??= new Map()).set(name, value);
      this.header = undefined;
    }
  }
}
