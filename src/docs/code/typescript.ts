import { createRequire } from 'node:module';
import type * as TS from 'typescript';
import type { CodeProblem } from './types.js';

let ts: typeof TS | undefined;
/** TypeScript is large: loaded on the first ts/js block only. */
function compiler(): typeof TS {
  ts ??= createRequire(import.meta.url)('typescript') as typeof TS;
  return ts;
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
