import { createRequire } from 'node:module';
import type * as TS from 'typescript';
import type { CodeProblem } from './types.js';

const require = createRequire(import.meta.url);
let ts: typeof TS | undefined;
/** TypeScript is large (~47 MB once loaded): loaded on the first ts/js block only. */
function compiler(): typeof TS {
  ts ??= require('typescript') as typeof TS;
  return ts;
}

/**
 * Forgets the parser (and takes it out of the module cache), so the collector can free it once the code checks are
 * done: the report is written without it. The next ts/js block loads it again.
 */
export function releaseTypeScript(): void {
  if (!ts) return;
  ts = undefined;
  const id = require.resolve('typescript');
  const mod = require.cache[id] as { parent?: { children?: unknown[] } } | undefined;
  delete require.cache[id];
  // The module that loaded it lists it among its children too (and would keep all of it alive).
  const children = mod?.parent?.children;
  const at = mod ? (children?.indexOf(mod) ?? -1) : -1;
  if (at >= 0) children!.splice(at, 1);
}

/** Syntax errors only (TypeScript's parser, no type checking): snippets need not compile on their own. */
export function checkTypeScript(code: string, lang: 'ts' | 'tsx' | 'js' | 'jsx'): CodeProblem[] {
  const t = compiler();
  const kind = { ts: t.ScriptKind.TS, tsx: t.ScriptKind.TSX, js: t.ScriptKind.JS, jsx: t.ScriptKind.JSX }[lang];
  const sf = t.createSourceFile(`snippet.${lang}`, code, t.ScriptTarget.Latest, false, kind);
  // parseDiagnostics is what the parser found; it is internal but has been stable for years.
  const diagnostics = (sf as unknown as { parseDiagnostics?: TS.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  return diagnostics.map((d) => ({
    line: sf.getLineAndCharacterOfPosition(d.start).line + 1,
    message: t.flattenDiagnosticMessageText(d.messageText, ' '),
  }));
}
