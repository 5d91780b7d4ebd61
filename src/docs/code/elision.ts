/**
 * Deliberate elisions in snippets (`...`, `…`, `// ...`, `# ...`, `/* ... *\/`, `<!-- ... -->`) are not syntax
 * errors: they are taken out before a block is parsed. Line count is kept, so problems keep their lines.
 */
const ELISION_LINE = /^\s*(?:\.\.\.|…|\/\/\s*(?:\.\.\.|…).*|#\s*(?:\.\.\.|…).*|\/\*\s*(?:\.\.\.|…)\s*\*\/|<!--\s*(?:\.\.\.|…)\s*-->)\s*,?\s*$/;
/** A bare `...` where a value, argument or member would be (not spread syntax, which is followed by a name). */
const INLINE = /(,\s*)?(?:\.\.\.|…)(?=\s*[)\]},;]|\s*$)/gm;

export function stripElisions(code: string, lang: 'json' | 'yaml' | 'code'): string {
  let elided = false;
  const lines = code.split('\n').map((l) => (ELISION_LINE.test(l) ? ((elided = true), '') : l));
  const out = lines.join('\n');
  // YAML's own `...` ends a document; leave YAML alone.
  if (lang === 'yaml') return out;
  if (lang === 'json') {
    // JSON has no trailing commas: take a comma before an inline elision with it; after an elided line, the comma
    // left dangling before a closer was the writer's "and more", not a mistake.
    const inline = out.replace(INLINE, () => ((elided = true), ''));
    return elided ? inline.replace(/,(\s*[\]}])/g, '$1') : inline;
  }
  return out.replace(INLINE, (_m, comma: string | undefined) => comma ?? '');
}

/** True when the block elides something, for the message ("…, elisions ignored"). */
export function hasElision(code: string): boolean {
  return code.split('\n').some((l) => ELISION_LINE.test(l)) || new RegExp(INLINE.source, 'm').test(code);
}
