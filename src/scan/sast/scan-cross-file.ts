import { readFileSync } from 'node:fs';
import type { Finding } from '../../core/result.js';
import { moduleCandidates, type CrossFileCall } from './cross-file.js';
import { scanSource } from './engine.js';
import type { Installed } from './installed.js';
import { familyOf, type Lang } from './parser.js';
import type { SastRule } from './rule.js';

/** One scanned file as the project pass needs it. */
export interface ScannedFile {
  readonly rel: string;
  readonly path: string;
  readonly lang: Lang;
  outgoing: CrossFileCall[];
}

/** Rounds of re-scanning: A -> B -> C -> D is followed, deeper chains stop there. */
const MAX_ROUNDS = 3;

/**
 * The project pass (cross-file.ts): the files whose functions receive request data from another file are scanned
 * again with those parameters tainted; findings that appear only then are added, naming the calling file and line.
 * Returns the added findings.
 */
export async function crossFilePass(files: ScannedFile[], known: Finding[], rules: readonly SastRule[], today?: string, installed?: Installed): Promise<Finding[]> {
  const byRel = new Map(files.map((f) => [f.rel.split('\\').join('/'), f]));
  const seen = new Set(known.map(findingKey));
  const incoming = new Map<ScannedFile, Map<string, number>>();
  const callers = new Map<ScannedFile, Map<string, string[]>>();
  const added: Finding[] = [];
  let pending = files.filter((f) => f.outgoing.length > 0);
  for (let round = 0; round < MAX_ROUNDS && pending.length > 0; round++) {
    const changed = new Set<ScannedFile>();
    for (const from of pending) {
      for (const call of from.outgoing) {
        const target = moduleCandidates(from.rel, call.module, familyOf(from.lang)).map((c) => byRel.get(c)).find((t) => t !== undefined);
        if (!target || target === from) continue;
        const map = incoming.get(target) ?? new Map<string, number>();
        incoming.set(target, map);
        const key = `${call.fn}:${call.index}`;
        // Every call site is named, even one that adds no new taint (the file is not rescanned for it).
        const byFn = callers.get(target) ?? new Map<string, string[]>();
        callers.set(target, byFn);
        const list = byFn.get(call.fn) ?? [];
        const site = `${from.rel}:${call.line}`;
        if (!list.includes(site)) list.push(site);
        byFn.set(call.fn, list);
        const before = map.get(key) ?? 0;
        if ((before | call.mask) === before) continue;
        map.set(key, before | call.mask);
        changed.add(target);
      }
    }
    pending = [];
    for (const target of changed) {
      let text: string;
      try {
        text = readFileSync(target.path, 'utf8');
      } catch {
        continue;
      }
      target.outgoing = [];
      const r = await scanSource(text, target.lang, target.rel, rules, today, { incoming: incoming.get(target)!, outgoing: target.outgoing, installed });
      const byFn = callers.get(target)!;
      const defs = topLevelDefinitions(text);
      for (const f of r.findings) {
        if (seen.has(findingKey(f))) continue;
        seen.add(findingKey(f));
        const via = viaFor(byFn, defs, (f.location as { line?: number }).line ?? 0);
        added.push({ ...f, message: `${f.message} (request data passed in from ${via.slice(0, 3).join(', ')}${via.length > 3 ? ', ...' : ''})` });
      }
      if (target.outgoing.length > 0) pending.push(target);
    }
  }
  return added;
}

/** Top-level function definitions of a file (name, first line), in order: Python `def`, JS `function` / `const f = (...) =>`. */
const TOP_LEVEL_DEF = /^(?:async\s+def\s+(\w+)|def\s+(\w+)|(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*(\w+)|(?:export\s+)?(?:const|let|var)\s+(\w+)\s*=\s*(?:async\s+)?(?:function\b|\(|\w+\s*=>))/;
function topLevelDefinitions(text: string): { name: string; line: number }[] {
  const out: { name: string; line: number }[] = [];
  text.split('\n').forEach((l, i) => {
    const m = TOP_LEVEL_DEF.exec(l);
    const name = m?.slice(1).find((x) => x !== undefined);
    if (name) out.push({ name, line: i + 1 });
  });
  return out;
}

/**
 * The call sites to name for a finding at `line`: those calling the top-level function the line lies in
 * (the function that received the request data), or every caller into the file when it lies in none of them.
 */
function viaFor(byFn: Map<string, string[]>, defs: { name: string; line: number }[], line: number): string[] {
  const def = defs.filter((d) => d.line <= line).pop();
  const own = def ? byFn.get(def.name) : undefined;
  return own ?? [...new Set([...byFn.values()].flat())];
}

function findingKey(f: Finding): string {
  const loc = f.location as { file?: string; line?: number; column?: number };
  return `${f.ruleId}\0${loc.file ?? ''}\0${loc.line ?? 0}\0${loc.column ?? 0}`;
}
