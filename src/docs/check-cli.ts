import { didYouMean } from '../core/did-you-mean.js';
import type { Finding } from '../core/result.js';
import type { CliCommandSpec, CliOptionSpec } from '../core/cli-spec.js';
import type { CodeBlock, InlineCode } from './model.js';
import { docFinding } from './rules.js';

/** Fence languages whose lines are commands someone would type. */
const SHELL_LANGS = new Set(['bash', 'sh', 'shell', 'console', 'shell-session', 'zsh', 'terminal']);
const OPERATORS = new Set(['|', '||', '&&', ';', '&', '|&']);

/** A command line in the docs that runs the CLI: the words after the program name, and where. */
export interface CommandUse {
  words: string[];
  line: number;
  text: string;
}

/** Split like a shell does, enough for docs: quotes group, a `#` word starts a comment. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s"']+)/g;
  let cur = '';
  let last = -1;
  for (const m of line.matchAll(re)) {
    const piece = m[1] ?? m[2] ?? m[3]!;
    if (m[3]?.startsWith('#') && m.index !== last) break;
    // Adjacent pieces (--header="a b") form one word.
    if (m.index === last) cur += piece;
    else {
      if (last !== -1) words.push(cur);
      cur = piece;
    }
    last = m.index + m[0].length;
  }
  if (last !== -1) words.push(cur);
  return words;
}

/** The invocations of `program` in a list of words (several when joined by &&, |, ;). */
function invocations(words: string[], program: string, aliases: readonly string[]): string[][] {
  const out: string[][] = [];
  let seg: string[] = [];
  const flush = () => {
    // Skip env assignments and launchers: FOO=1 npx gonogo ..., node dist/cli/main.js ...
    let i = 0;
    while (i < seg.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(seg[i]!)) i++;
    if (seg[i] === 'npx' || seg[i] === 'node' || seg[i] === 'sudo' || seg[i] === 'exec') i++;
    while (seg[i]?.startsWith('-')) i++;
    const first = seg[i];
    if (first !== undefined && (first === program || aliases.includes(first))) out.push(seg.slice(i + 1));
    seg = [];
  };
  for (const w of words) {
    if (OPERATORS.has(w)) flush();
    else if (/^[0-9]*[<>]/.test(w)) {
      // A redirection ends what the program sees; the rest of the segment is not its arguments.
      flush();
      seg = ['>'];
    } else if (w.endsWith(';') && w.length > 1) {
      seg.push(w.slice(0, -1));
      flush();
    } else seg.push(w);
  }
  flush();
  return out;
}

/** Every `gonogo ...` in shell code blocks (continuations joined) and in inline code. */
export function commandUses(blocks: readonly CodeBlock[], inline: readonly InlineCode[], program: string, aliases: readonly string[] = []): CommandUse[] {
  const uses: CommandUse[] = [];
  for (const b of blocks) {
    if (!SHELL_LANGS.has(b.lang)) continue;
    const lines = b.content.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const start = i;
      let text = lines[i]!;
      while (text.endsWith('\\') && i + 1 < lines.length) text = `${text.slice(0, -1)} ${lines[++i]!}`;
      text = text.replace(/^\s*(?:\$|>|#|PS>)\s+/, (p) => (p.trim() === '#' ? '# ' : ''));
      for (const words of invocations(shellWords(text), program, aliases)) uses.push({ words, line: b.fenceLine + 1 + start, text: text.trim().replace(/\s+/g, ' ') });
    }
  }
  for (const c of inline) {
    const words = shellWords(c.text);
    if (words[0] !== program && !(words[0] === 'npx' && words[1] === program)) continue;
    for (const inv of invocations(words, program, aliases)) uses.push({ words: inv, line: c.line, text: c.text });
  }
  return uses.sort((a, b) => a.line - b.line);
}

/** `<url>`, `[paths...]`, `URL`, `$FILE`, `{a,b}`, `...`: documentation placeholders, not literal words. */
function isPlaceholder(w: string): boolean {
  return /[<>[\]{}$…*]|\.\.\./.test(w) || /^[A-Z][A-Z0-9_]*$/.test(w) || w === 'PATH';
}

function findOption(chain: CliCommandSpec[], pick: (o: CliOptionSpec) => boolean): CliOptionSpec | undefined {
  for (let i = chain.length - 1; i >= 0; i--) {
    const o = chain[i]!.options.find(pick);
    if (o) return o;
  }
  return undefined;
}

/** Commands and flags in the docs that the CLI does not have. */
export function checkCliUses(file: string, uses: readonly CommandUse[], root: CliCommandSpec): Finding[] {
  const findings: Finding[] = [];
  for (const use of uses) {
    const chain = [root];
    let positional = false;
    const path = () => chain.map((c) => c.name).join(' ');
    for (let i = 0; i < use.words.length; i++) {
      const w = use.words[i]!;
      if (w === '--') break;
      const cmd = chain[chain.length - 1]!;
      if (w.startsWith('--') && w.length > 2) {
        const name = w.split('=')[0]!;
        if (isPlaceholder(name)) continue;
        const opt = findOption(chain, (o) => o.long === name);
        if (!opt) {
          const known = chain.flatMap((c) => c.options.map((o) => o.long ?? '')).filter(Boolean);
          const guess = didYouMean(name, known);
          findings.push(docFinding('docs.cli-unknown-option', file, use.line, `\`${path()}\` has no option ${name}${guess ? ` (did you mean ${guess}?)` : ''}: ${use.text}`, `${path()} ${name}`));
          continue;
        }
        if (opt.takesValue && !w.includes('=') && !(opt.optionalValue && use.words[i + 1]?.startsWith('-'))) i++;
      } else if (/^-[A-Za-z]/.test(w)) {
        for (let k = 1; k < w.length; k++) {
          const flag = `-${w[k]}`;
          const opt = findOption(chain, (o) => o.short === flag);
          if (!opt) {
            findings.push(docFinding('docs.cli-unknown-option', file, use.line, `\`${path()}\` has no option ${flag}: ${use.text}`, `${path()} ${flag}`));
            break;
          }
          if (opt.takesValue) {
            if (k === w.length - 1 && !(opt.optionalValue && use.words[i + 1]?.startsWith('-'))) i++;
            break;
          }
        }
      } else if (!positional) {
        const sub = cmd.commands.find((c) => c.name === w || c.aliases.includes(w));
        if (sub) {
          chain.push(sub);
          continue;
        }
        // commander gives every command with subcommands an implicit `help [command]`.
        if (w === 'help' && cmd.commands.length > 0) break;
        if (cmd.commands.length > 0 && !cmd.takesArgs && !isPlaceholder(w)) {
          const guess = didYouMean(w, cmd.commands.map((c) => c.name));
          findings.push(docFinding('docs.cli-unknown-command', file, use.line, `\`${path()}\` has no command "${w}"${guess ? ` (did you mean "${guess}"?)` : ''}: ${use.text}`, `${path()} ${w}`));
          break;
        }
        positional = true;
      }
    }
  }
  return findings;
}
