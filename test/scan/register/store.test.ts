import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/result.js';
import { readRegister, recordSightings, REGISTER_SCHEMA, updateRegister, writeRegister } from '../../../src/scan/register/index.js';
import { runDeps } from '../../../src/scan/deps/run.js';
import { tmpDir } from '../../helpers/cli.js';

const f = (fingerprint: string): Finding => ({ ruleId: 'deps.X', severity: 'high', message: 'm', location: { file: 'a' }, fingerprint });

describe('register file (first-seen dates)', () => {
  it('keeps first-seen dates, adds new findings today, prunes entries unseen for 90 days', () => {
    const reg = new Map([
      ['old', { ruleId: 'r', firstSeen: '2026-01-01', lastSeen: '2026-08-01' }],
      ['kept', { ruleId: 'r', firstSeen: '2026-10-01', lastSeen: '2026-10-01' }],
      ['seen', { ruleId: 'r', firstSeen: '2026-11-01', lastSeen: '2026-11-10' }],
    ]);
    const out = updateRegister(reg, [f('seen'), f('new')], new Date('2026-11-22T12:00:00Z'));
    expect([...out.keys()].sort()).toEqual(['kept', 'new', 'seen']);
    expect(out.get('seen')).toEqual({ ruleId: 'deps.X', firstSeen: '2026-11-01', lastSeen: '2026-11-22' });
    expect(out.get('new')!.firstSeen).toBe('2026-11-22');
  });

  it('round-trips through the file; a missing file is empty, a foreign one is refused', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'sub/register.json');
    expect((await readRegister(file)).size).toBe(0);
    await writeRegister(file, new Map([['fp', { ruleId: 'r', firstSeen: '2026-11-01', lastSeen: '2026-11-02' }]]));
    expect(JSON.parse(readFileSync(file, 'utf8')).schema).toBe(REGISTER_SCHEMA);
    expect((await readRegister(file)).get('fp')!.firstSeen).toBe('2026-11-01');
    writeFileSync(file, '{"something": "else"}');
    await expect(readRegister(file)).rejects.toThrow(/gonogo\/register@1/);
  });

  it('scanners recording into one register at once keep each other\'s sightings', async () => {
    const file = path.join(tmpDir(), 'register.json');
    const now = new Date('2026-11-22T09:00:00Z');
    await Promise.all([recordSightings(file, [f('deps-1'), f('deps-2')], now), recordSightings(file, [{ ...f('secret-1'), ruleId: 'secrets.github-pat' }], now)]);
    expect([...(await readRegister(file)).keys()].sort()).toEqual(['deps-1', 'deps-2', 'secret-1']);
  });

  it('scan.register makes due dates count from the first sighting: an old finding becomes overdue', async () => {
    const dir = tmpDir();
    writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { '': { dependencies: { 'left-pad': '1' } }, 'node_modules/left-pad': { version: '1.1.0' } } }));
    const db = path.resolve('test/fixtures/deps/osv-json');
    const scan = { register: 'register.json' };
    const first = await runDeps({ root: dir, scan, configDir: dir, db, now: new Date('2026-11-22T09:00:00Z') });
    expect(first.outcome.open[0]!.due).toBe('2026-11-23'); // critical: 1 day
    const saved = JSON.parse(readFileSync(path.join(dir, 'register.json'), 'utf8'));
    const fp = first.outcome.open[0]!.fingerprint;
    expect(saved.findings[fp].firstSeen).toBe('2026-11-22');

    const later = await runDeps({ root: dir, scan, configDir: dir, db, now: new Date('2026-11-25T09:00:00Z') });
    expect(later.outcome.open[0]!.due).toBe('2026-11-23');
    expect(later.outcome.open[0]!.message).toContain('due 2026-11-23, OVERDUE');
    expect(later.checks.find((c) => c.id === 'deps.vulnerabilities')!.evidence).toContain('1 overdue');
  });
});
