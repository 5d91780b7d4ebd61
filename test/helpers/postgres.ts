import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hasProgram, requirePrerequisite } from './system.js';

/** Debian's PostgreSQL 15 server programs (package `postgresql`; the client alone has no initdb). */
export const PG_BIN = '/usr/lib/postgresql/15/bin';

/** True when the test should run; throws in CI (CI=true or GONOGO_REQUIRE_SYSTEM=1) when the server is not installed. */
export function requirePostgres(): boolean {
  return requirePrerequisite(hasProgram(`${PG_BIN}/initdb`) && hasProgram(`${PG_BIN}/pg_ctl`), 'PostgreSQL 15 server (initdb, pg_ctl)', 'add the Debian package postgresql to .ci/apt-packages.txt');
}

export interface PostgresServer {
  /** postgres://USER:PASSWORD@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  user: string;
  password: string;
  stop(): void;
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/**
 * A throw-away cluster in a temporary folder, listening on 127.0.0.1 on a free port (its unix socket in the folder),
 * password (SCRAM) login for USER. Postgres refuses to run as root: as root the folder is given to the `postgres`
 * user and the programs run as it through runuser.
 */
export async function startPostgres(user = 'gonogo', password = 'pg-test-secret-51'): Promise<PostgresServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gonogo-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args, { stdio: 'pipe', timeout: 60_000 });
  const pwfile = path.join(dir, 'pw');
  writeFileSync(pwfile, `${password}\n`);
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
    chownSync(pwfile, uid, gid);
  }
  const data = path.join(dir, 'data');
  run(`${PG_BIN}/initdb`, ['-D', data, '-U', user, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const opts = `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  try {
    run(`${PG_BIN}/pg_ctl`, ['-D', data, '-o', opts, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `postgres://${user}:${password}@127.0.0.1:${port}/postgres`,
    port,
    user,
    password,
    stop: () => {
      try {
        run(`${PG_BIN}/pg_ctl`, ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
