import type { CallInfo } from '../model.js';
import type { SyntaxNode } from '../parser.js';
import { OWASP, type RuleContext, type SastRule } from '../rule.js';

export const rule: SastRule = {
  id: 'sast.redos',
  title: 'Regular expression with nested quantifiers (catastrophic backtracking, ReDoS)',
  severity: 'medium',
  cwe: 'CWE-1333',
  owasp: OWASP.A04,
  eslint: 'detect-unsafe-regex',
  families: ['js', 'py'],
  remediation: 'Remove the nested quantifier ((a+)+ -> a+), make alternatives disjoint, bound repetition, or use a linear-time engine (RE2).',
  samples: {
    bad: [
      { lang: 'python', code: `import re\n\nEMAIL = r"^([a-zA-Z0-9]+)*@example\\.com$"\n\ndef valid(addr):\n    return re.match(EMAIL, addr) is not None\n` },
      { lang: 'javascript', code: `const EMAIL = /^([a-zA-Z0-9_.-]+)+@example\\.com$/;\nmodule.exports = (s) => EMAIL.test(s);\n` },
      { lang: 'python', code: `import re\n\nWORDS = re.compile(r"^(\\w+\\s?)*$")\n\ndef valid(s):\n    return WORDS.match(s) is not None\n` },
    ],
    good: [
      { lang: 'javascript', code: `const EMAIL = /^[a-zA-Z0-9_.-]+@example\\.com$/;\nmodule.exports = (s) => EMAIL.test(s);\n` },
      { lang: 'python', code: `import re\n\nWORDS = re.compile(r"^\\w+(?: \\w+)*$")\n\ndef valid(s):\n    return WORDS.match(s) is not None\n` },
    ],
  },
  on: {
    regex(node, ctx) {
      const pattern = node.childForFieldName('pattern')?.text ?? '';
      if (isRedos(pattern)) ctx.report(node, `Regex /${pattern}/ has a nested quantifier`);
    },
  },
  onCall(call, ctx) {
    const pat = patternArg(call.name, call.args, ctx);
    // A pattern matched only against fixed text (`re.match(P, "abc")`, or a variable every live branch sets to a
    // constant) cannot be made to backtrack by a caller.
    if (pat === undefined || !isRedos(pat) || fixedSubject(call.name, call.args, ctx) || compiledForFixedText(call, ctx)) return;
    ctx.report(call.node, `Regex "${pat}" has a nested quantifier`);
  },
};

function patternArg(name: string, args: SyntaxNode[], ctx: RuleContext): string | undefined {
  // The pattern may be a constant kept in a variable: const EMAIL = "^([a-z]+)*@"; new RegExp(EMAIL).
  if (ctx.family === 'js') return name === 'RegExp' ? ctx.constText(args[0]) : undefined;
  return /^re\.(?:compile|match|search|fullmatch|findall|finditer|sub|subn|split)$|^regex\./.test(name) ? ctx.constText(args[0]) : undefined;
}

/** Python `re.match(P, s)` style calls whose subject s is fixed text (sub/subn: the third argument). */
function fixedSubject(name: string, args: SyntaxNode[], ctx: RuleContext): boolean {
  const m = /^re\.(match|search|fullmatch|findall|finditer|split|sub|subn)$/.exec(name);
  const subject = m ? args[m[1]!.startsWith('sub') ? 2 : 1] : undefined;
  return subject !== undefined && subject.type !== 'keyword_argument' && ctx.fixed(subject);
}

const COMPILED_USES = /^(match|search|fullmatch|findall|finditer|split|sub|subn)$/;

/**
 * `rx = re.compile(P)` inside a function, where every use of rx in that function is `rx.match(s)`-style on fixed
 * text: nothing a caller sends reaches the pattern. A module-level pattern, one used any other way (returned,
 * passed on, an attribute) or never matched here stays reported.
 */
function compiledForFixedText(call: CallInfo, ctx: RuleContext): boolean {
  if (call.name !== 're.compile') return false;
  const assign = call.node.parent;
  const target = assign?.type === 'assignment' ? assign.childForFieldName('left') : undefined;
  if (target?.type !== 'identifier') return false;
  let fn: SyntaxNode | null = assign!.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  if (!fn) return false;
  let uses = 0;
  for (const id of fn.descendantsOfType('identifier')) {
    if (!id || id.text !== target.text || id.id === target.id) continue;
    const attr = id.parent;
    const use = attr?.type === 'attribute' && attr.childForFieldName('object')?.id === id.id && attr.parent?.type === 'call' ? ctx.call(attr.parent) : undefined;
    const m = use ? COMPILED_USES.exec(use.last) : null;
    const subject = m ? use!.args[m[1]!.startsWith('sub') ? 1 : 0] : undefined;
    if (!subject || subject.type === 'keyword_argument' || !ctx.fixed(subject)) return false;
    uses++;
  }
  return uses > 0;
}

/**
 * Star height > 1: a group that contains a quantifier and is itself quantified with + / * / {n,}.
 * (a|a)* style overlapping alternation is also caught when both alternatives are identical.
 */
export function isRedos(p: string): boolean {
  // inner: the group holds a quantifier; anchor: it also holds a literal that must match every time,
  // which keeps repetitions from overlapping ((?: \w+)* is linear, (\w+\s?)* is not).
  const stack: { inner: boolean; anchor: boolean; start: number }[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      // An escaped punctuation character is a literal; \w \s \d and friends are classes.
      if (/[^a-zA-Z0-9]/.test(p[i + 1] ?? 'a') && !isQuant(p, i + 2) && stack.length > 0) stack[stack.length - 1]!.anchor = true;
      i++;
      continue;
    }
    if (c === '[') {
      // skip character class
      i++;
      while (i < p.length && p[i] !== ']') {
        if (p[i] === '\\') i++;
        i++;
      }
      if (isQuant(p, i + 1) && stack.length > 0) stack[stack.length - 1]!.inner = true;
      continue;
    }
    if (c === '(') {
      stack.push({ inner: false, anchor: false, start: i });
      continue;
    }
    if (c === ')') {
      const g = stack.pop();
      if (!g) continue;
      const body = p.slice(g.start + 1, i).replace(/^\?(?::|=|!|<=|<!|<\w+>|P<\w+>)/, '');
      const alts = body.split('|');
      const overlapping = alts.length > 1 && new Set(alts).size < alts.length;
      if (((g.inner && !g.anchor) || overlapping) && isUnboundedQuant(p, i + 1)) return true;
      if ((g.inner || isQuant(p, i + 1)) && stack.length > 0) stack[stack.length - 1]!.inner = true;
      continue;
    }
    if (c !== undefined && /[^\\^$.|?*+()[\]{}]/.test(c) && !isQuant(p, i + 1) && stack.length > 0) stack[stack.length - 1]!.anchor = true;
    if ((c === '+' || c === '*' || (c === '{' && /^\{\d*,\d*\}/.test(p.slice(i)))) && stack.length > 0 && p[i - 1] !== '(') stack[stack.length - 1]!.inner = true;
  }
  return false;
}

function isQuant(p: string, i: number): boolean {
  return p[i] === '+' || p[i] === '*' || p[i] === '?' || (p[i] === '{' && /^\{\d+(?:,\d*)?\}/.test(p.slice(i)));
}

function isUnboundedQuant(p: string, i: number): boolean {
  return p[i] === '+' || p[i] === '*' || (p[i] === '{' && /^\{\d+,\}/.test(p.slice(i)));
}
