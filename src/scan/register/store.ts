import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../../core/result.js';
import { addDays, isIsoDate, toIsoDate } from './dates.js';

/**
 * The register file (`scan.register`): when each finding was first seen, so SLA due dates count
 * from the day a finding appeared rather than from today's scan. JSON, meant to be committed:
 *
 *   { "schema": "gonogo/register@1", "findings": { "<fingerprint>": { "ruleId", "firstSeen", "lastSeen" } } }
 *
 * Entries not seen for PRUNE_DAYS are dropped, so a finding fixed and reintroduced much later starts afresh.
 */
export const REGISTER_SCHEMA = 'gonogo/register@1';
const PRUNE_DAYS = 90;

export interface RegisterEntry {
  ruleId: string;
  firstSeen: string;
  lastSeen: string;
}

export type RegisterFile = Map<string, RegisterEntry>;

/** An absent file is an empty register; an unreadable or foreign one is an Error the caller reports. */
export async function readRegister(file: string): Promise<RegisterFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw err;
  }
  const doc = JSON.parse(text) as { schema?: unknown; findings?: Record<string, Partial<RegisterEntry>> };
  if (doc.schema !== REGISTER_SCHEMA || typeof doc.findings !== 'object' || doc.findings === null) throw new Error(`not a ${REGISTER_SCHEMA} file`);
  const out: RegisterFile = new Map();
  for (const [fp, e] of Object.entries(doc.findings)) {
    if (typeof e.firstSeen === 'string' && isIsoDate(e.firstSeen)) out.set(fp, { ruleId: String(e.ruleId ?? ''), firstSeen: e.firstSeen, lastSeen: typeof e.lastSeen === 'string' && isIsoDate(e.lastSeen) ? e.lastSeen : e.firstSeen });
  }
  return out;
}

export function firstSeenMap(reg: RegisterFile): Map<string, string> {
  return new Map([...reg].map(([fp, e]) => [fp, e.firstSeen]));
}

/** The register after a scan that saw `findings` today (pure; `writeRegister` saves it). */
export function updateRegister(reg: RegisterFile, findings: readonly Finding[], now: Date): RegisterFile {
  const today = toIsoDate(now);
  const out: RegisterFile = new Map();
  const cutoff = addDays(today, -PRUNE_DAYS);
  for (const [fp, e] of reg) if (e.lastSeen >= cutoff) out.set(fp, e);
  for (const f of findings) {
    const old = out.get(f.fingerprint);
    out.set(f.fingerprint, { ruleId: f.ruleId, firstSeen: old?.firstSeen ?? today, lastSeen: today });
  }
  return out;
}

/** Written to a temporary file and renamed, so a crash never leaves half a register. */
export async function writeRegister(file: string, reg: RegisterFile): Promise<void> {
  const sorted = Object.fromEntries([...reg].sort(([a], [b]) => (a < b ? -1 : 1)));
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, `${JSON.stringify({ schema: REGISTER_SCHEMA, findings: sorted }, null, 2)}\n`);
  await rename(tmp, file);
}
