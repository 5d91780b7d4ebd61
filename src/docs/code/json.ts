import type { CodeProblem } from './types.js';

/** JSON.parse, with V8's "at position N" turned into a line. */
export function checkJson(code: string): CodeProblem[] {
  if (code.trim() === '') return [];
  try {
    JSON.parse(code);
    return [];
  } catch (err) {
    const message = (err as Error).message;
    const m = /at position (\d+)/.exec(message);
    const pos = m ? Number(m[1]) : code.trimEnd().length;
    const line = code.slice(0, pos).split('\n').length;
    return [{ line, message: message.replace(/ in JSON at position \d+.*$/, '').replace(/^Unexpected end of JSON input$/, 'unexpected end of input') }];
  }
}
