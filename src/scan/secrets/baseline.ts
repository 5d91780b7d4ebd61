import { readFile, writeFile } from 'node:fs/promises';
import type { Finding } from '../../core/result.js';
import { GonogoError, UsageError } from '../../core/errors.js';

/**
 * A baseline lists the fingerprints of known findings (never the secrets, not even masked): later scans report
 * only findings whose fingerprint is not in it.
 */
export const BASELINE_SCHEMA = 'gonogo/secrets-baseline@1';

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file: string;
  line: number | null;
}

export async function readBaseline(file: string, where: string): Promise<Set<string>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read the baseline ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, {
      where,
      hint: 'create one with `gonogo scan secrets --write-baseline FILE`',
    });
  }
  try {
    const doc = JSON.parse(text) as { schema?: unknown; findings?: unknown };
    if (doc.schema !== BASELINE_SCHEMA || !Array.isArray(doc.findings)) throw new Error(`expected schema ${BASELINE_SCHEMA}`);
    return new Set(doc.findings.map((f) => String((f as BaselineEntry).fingerprint)));
  } catch (err) {
    throw new UsageError(`the baseline ${file} is not a gonogo secrets baseline: ${(err as Error).message}`, {
      where,
      hint: 'write it again with `gonogo scan secrets --write-baseline FILE`',
    });
  }
}

export async function writeBaseline(file: string, findings: Finding[]): Promise<void> {
  const seen = new Set<string>();
  const entries: BaselineEntry[] = [];
  for (const f of findings) {
    if (seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    entries.push({ fingerprint: f.fingerprint, ruleId: f.ruleId, file: 'file' in f.location ? f.location.file : '', line: 'file' in f.location ? (f.location.line ?? null) : null });
  }
  try {
    await writeFile(file, JSON.stringify({ schema: BASELINE_SCHEMA, findings: entries }, null, 2) + '\n');
  } catch (err) {
    throw new GonogoError('GONOGO_OUTPUT_WRITE', `cannot write the baseline ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { where: '--write-baseline' });
  }
}
