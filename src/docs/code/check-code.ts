import type { Finding } from '../../core/result.js';
import type { CodeBlock } from '../model.js';
import { docFinding } from '../rules.js';
import { hasElision, stripElisions } from './elision.js';
import { guessLanguage } from './guess-language.js';
import { checkJson } from './json.js';
import { CODE_LANGUAGES, type CodeLanguage } from '../../core/config/code-languages.js';
import { shellCheckBatch, shellSyntaxBatch, type ShellDialect } from './shell.js';
import type { CodeProblem } from './types.js';
import { RecordSpill } from './spill.js';
import { checkTypeScript, releaseTypeScript } from './typescript.js';
import { checkYaml } from './yaml.js';

export interface CodeCheckOptions {
  languages: ReadonlySet<string>;
  /** Report fenced blocks with no language. */
  requireLanguage: boolean;
  /** Run shellcheck on bash/sh blocks when it is installed. */
  shellcheck: boolean;
}

interface ShellJob {
  file: string;
  block: CodeBlock;
  dialect: ShellDialect;
}

/**
 * A block that needs TypeScript's parser, waiting for the end of the review: a ts/js block, or a JSON/YAML block with
 * a syntax error (whose "wrong tag" guess asks whether it parses as TypeScript). Its text on disk, its place in the
 * output order.
 */
interface ParserJob {
  file: string;
  lang: string;
  fenceLine: number;
  content: string;
  slot: number;
  /** A ts/js block: parsed at the end. */
  checker?: 'ts' | 'tsx' | 'js' | 'jsx';
  /** A JSON/YAML block: what its own parser found. */
  problems?: CodeProblem[];
}

/**
 * One finding per block and kind: a parser's first error (the rest usually follow from it, so they are counted, not
 * listed), or "wrong tag" when the block is plainly another language. ShellCheck advice stays one finding per note.
 */
function toFindings(file: string, block: CodeBlock, problems: readonly CodeProblem[]): Finding[] {
  // "Unexpected end of input" is reported past the last line; pin it to the block's last line.
  const last = Math.max(1, block.content.replace(/\n$/, '').split('\n').length);
  const at = (p: CodeProblem) => block.fenceLine + Math.min(Math.max(1, p.line), last);
  const advice = problems.filter((p) => p.source === 'shellcheck');
  const syntax = problems.filter((p) => p.source !== 'shellcheck');
  const out = advice.map((p) => docFinding('docs.code-shellcheck', file, at(p), `${block.lang}: ${p.message}`, `${block.content}\0${p.message}`));
  if (syntax.length === 0) return out;
  const guess = guessLanguage(block.content, block.lang);
  if (guess) {
    out.push(docFinding('docs.code-wrong-tag', file, block.fenceLine, `tagged ${block.lang} but it looks like ${guess} (${block.lang}: ${syntax[0]!.message})`, `${block.content}\0wrong-tag`));
    return out;
  }
  // Each document of a multi-document YAML block (---) is parsed on its own: one finding per broken document.
  const lines = block.content.split('\n');
  const segment = (p: CodeProblem) => (block.lang.startsWith('y') ? lines.slice(0, Math.max(0, p.line - 1)).filter((l) => /^---\s*$/.test(l)).length : 0);
  const elided = hasElision(block.content) ? '; elisions (...) were ignored' : '';
  for (const group of groupBySegment(syntax, segment)) {
    const first = group[0]!;
    const more = group.length > 1 ? ` (and ${group.length - 1} more error${group.length > 2 ? 's' : ''} in this block)` : '';
    out.push(docFinding('docs.code-syntax', file, at(first), `${block.lang}: ${first.message}${more}${elided}`, `${block.content}\0${first.message}`));
  }
  return out;
}

function groupBySegment(problems: readonly CodeProblem[], segment: (p: CodeProblem) => number): CodeProblem[][] {
  const groups = new Map<number, CodeProblem[]>();
  for (const p of problems) groups.set(segment(p), [...(groups.get(segment(p)) ?? []), p]);
  return [...groups.values()];
}

/**
 * Language tags and syntax of code blocks; each problem at its line in the Markdown file
 * (content line k of a block whose fence is on line F is line F + k). JSON and YAML are checked in process as files
 * are added. TS/JS blocks wait on disk until `finish`: TypeScript's parser (~47 MB) is then loaded once the rest of
 * the review's state is gone, and released after. Shell blocks are collected and checked in batches at the end.
 */
export class CodeReview {
  private readonly shell: ShellJob[] = [];
  /** On disk: tens of thousands of blocks on a big tree. */
  private readonly parserJobs = new RecordSpill<ParserJob>();
  blocks = 0;
  /** Shell blocks ShellCheck was asked for but could not check (not installed, or it failed to run). */
  shellcheckMissing = 0;

  constructor(private readonly opts: CodeCheckOptions) {}

  /**
   * The findings known now; a block checked later (ts/js, or JSON/YAML that does not parse) takes `slot()` now, the
   * place its findings have in the output order (see `finish`).
   */
  add(file: string, blocks: readonly CodeBlock[], slot: () => number = () => 0): Finding[] {
    const findings: Finding[] = [];
    for (const block of blocks) {
      this.blocks++;
      if (block.fenced && block.lang === '' && this.opts.requireLanguage) {
        findings.push(docFinding('docs.code-no-lang', file, block.fenceLine, 'code block has no language tag', block.content.slice(0, 200)));
        continue;
      }
      if (!this.opts.languages.has(block.lang)) continue;
      const checker = CODE_LANGUAGES[block.lang as CodeLanguage];
      if (checker === 'bash' || checker === 'sh') this.shell.push({ file, block, dialect: checker });
      else if (checker === 'json' || checker === 'yaml') {
        const problems = checker === 'json' ? checkJson(stripElisions(block.content, 'json')) : checkYaml(stripElisions(block.content, 'yaml'));
        // A clean block has no findings; a broken one waits for the "wrong tag" guess.
        if (problems.length > 0) this.wait(file, block, slot(), { problems });
      } else this.wait(file, block, slot(), { checker });
    }
    return findings;
  }

  /**
   * The blocks that waited: ts/js syntax and the "wrong tag" guesses, then shell syntax (bash -n / sh -n) and
   * ShellCheck on the blocks that parse. The findings of a block that took a slot in `add` go to `placed` with it when
   * given; otherwise all are returned. `afterBlock` runs before each of those blocks (the review's heap bound).
   */
  async finish(placed?: (finding: Finding, slot: number) => void, afterBlock?: () => void): Promise<Finding[]> {
    const findings: Finding[] = [];
    try {
      for (const job of this.parserJobs.drain()) {
        afterBlock?.();
        const block: CodeBlock = { lang: job.lang, content: job.content, fenceLine: job.fenceLine, fenced: true };
        const problems = job.problems ?? checkTypeScript(stripElisions(block.content, 'code'), job.checker!);
        for (const f of toFindings(job.file, block, problems)) {
          if (placed) placed(f, job.slot);
          else findings.push(f);
        }
      }
    } finally {
      this.close();
    }
    const unchecked: ShellJob[] = [];
    for (const dialect of ['bash', 'sh'] as const) {
      const jobs = this.shell.filter((j) => j.dialect === dialect);
      if (jobs.length === 0) continue;
      const syntax = await shellSyntaxBatch(jobs.map((j) => j.block.content), dialect);
      const parsed: ShellJob[] = [];
      jobs.forEach((j, i) => {
        const problems = syntax[i] ?? [];
        findings.push(...toFindings(j.file, j.block, problems));
        // ShellCheck on a block that does not parse only repeats the parse error.
        if (problems.length === 0) parsed.push(j);
      });
      if (!this.opts.shellcheck) continue;
      const advice = await shellCheckBatch(parsed.map((j) => j.block.content), dialect);
      parsed.forEach((j, i) => findings.push(...toFindings(j.file, j.block, advice[i] ?? [])));
      unchecked.push(...parsed.filter((_, i) => advice[i] === undefined));
    }
    // A missing ShellCheck is not a clean result: say which blocks it never saw.
    this.shellcheckMissing = unchecked.length;
    const first = unchecked[0];
    if (first) {
      const more = unchecked.length > 1 ? ` (and ${unchecked.length - 1} more shell block${unchecked.length > 2 ? 's' : ''})` : '';
      findings.push(docFinding('docs.code-shellcheck-missing', first.file, first.block.fenceLine, `not checked: shellcheck missing; ${first.block.lang} block had a syntax check only${more}`, 'shellcheck-missing'));
    }
    return findings;
  }

  private wait(file: string, block: CodeBlock, slot: number, what: Pick<ParserJob, 'checker' | 'problems'>): void {
    this.parserJobs.put({ file, lang: block.lang, fenceLine: block.fenceLine, content: block.content, slot, ...what });
  }

  /** Drops the waiting blocks (an interrupted review) and lets TypeScript's parser go. */
  close(): void {
    this.parserJobs.close();
    releaseTypeScript();
  }
}
