/** A syntax problem in a code block; `line` is 1-based within the block's content. */
export interface CodeProblem {
  line: number;
  message: string;
  /** Which checker found it: the shell's own parser, or ShellCheck advice (reported under its own id). */
  source?: 'shellcheck';
}
