import type { Finding } from '../../core/result.js';
import type { CodeBlock } from '../model.js';
import { docFinding } from '../rules.js';
import { checkJson } from './json.js';
import { checkBashSyntax, checkShellCheck } from './shell.js';
import type { CodeProblem } from './types.js';
import { checkTypeScript } from './typescript.js';
import { checkYaml } from './yaml.js';
import { CODE_LANGUAGES, type CodeLanguage } from './languages.js';


export interface CodeCheckOptions {
  languages: ReadonlySet<string>;
  /** Report fenced blocks with no language. */
  requireLanguage: boolean;
  /** Run shellcheck on bash/sh blocks when it is installed. */
  shellcheck: boolean;
}

async function problemsOf(block: CodeBlock, opts: CodeCheckOptions): Promise<CodeProblem[]> {
  const checker = CODE_LANGUAGES[block.lang as CodeLanguage] as string | undefined;
  switch (checker) {
    case 'json':
      return checkJson(block.content);
    case 'yaml':
      return checkYaml(block.content);
    case 'ts':
    case 'tsx':
    case 'js':
    case 'jsx':
      return checkTypeScript(block.content, checker);
    case 'bash':
    case 'sh': {
      const syntax = (await checkBashSyntax(block.content, checker)) ?? [];
      // ShellCheck on a block that does not even parse only repeats the parse error.
      if (syntax.length > 0 || !opts.shellcheck) return syntax;
      return (await checkShellCheck(block.content, checker)) ?? [];
    }
    default:
      return [];
  }
}

/** Language tags and syntax of one file's code blocks; each problem at its line in the Markdown file. */
export async function checkCodeBlocks(file: string, blocks: readonly CodeBlock[], opts: CodeCheckOptions): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const block of blocks) {
    if (block.fenced && block.lang === '' && opts.requireLanguage) {
      findings.push(docFinding('docs.code-no-lang', file, block.fenceLine, 'code block has no language tag', `${block.content.slice(0, 200)}`));
      continue;
    }
    if (!opts.languages.has(block.lang)) continue;
    for (const p of await problemsOf(block, opts)) {
      const rule = p.source === 'shellcheck' ? 'docs.code-shellcheck' : 'docs.code-syntax';
      const line = block.fenceLine + p.line;
      findings.push(docFinding(rule, file, line, `${block.lang}: ${p.message}`, `${block.content}\0${p.message}`));
    }
  }
  return findings;
}
