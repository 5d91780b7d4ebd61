import { parse as parseYaml } from 'yaml';
import { checkTypeScript } from './typescript.js';

export type GuessedLanguage = 'json' | 'yaml' | 'shell' | 'ts' | 'text';

const SHELL_START = /^\s*(?:\$ |sudo |npm |npx |pnpm |yarn |node |git |curl |cd |docker |kubectl |apt-get |apt |pip |brew |make |export |gonogo |bash |sh |echo |mkdir |cp |mv |rm |cat )/;
const BOX = /[─│┌┐└┘├┤┬┴┼═║╔╗╚╝▶▼◀▲]/;

/**
 * What a block that failed its tagged language's parser most likely is, when that is clear: valid JSON,
 * a shell session, YAML with key: value lines, TypeScript/JavaScript that parses, or a text diagram.
 * Undefined when nothing fits better (then the block has a real syntax error).
 */
export function guessLanguage(code: string, tagged: string): GuessedLanguage | undefined {
  const text = code.trim();
  if (text === '') return undefined;
  if (/^[[{]/.test(text) && tagged !== 'json' && parsesAsJson(text)) return 'json';
  if (tagged !== 'bash' && tagged !== 'sh' && text.split('\n').filter((l) => l.trim()).every((l) => SHELL_START.test(l) || /^\s*(#|\\|&&|\|)/.test(l) || /\\$/.test(l))) return 'shell';
  if (BOX.test(text)) return 'text';
  if (tagged !== 'yaml' && /^\s*[\w.-]+:(\s|$)/m.test(text) && !/[;{}()=]/.test(text) && parsesAsYaml(text)) return 'yaml';
  if (!['ts', 'tsx', 'js', 'jsx', 'javascript', 'typescript'].includes(tagged) && checkTypeScript(code, 'ts').length === 0 && /[=(){};]/.test(text)) return 'ts';
  return undefined;
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function parsesAsYaml(text: string): boolean {
  try {
    const v: unknown = parseYaml(text);
    return typeof v === 'object' && v !== null;
  } catch {
    return false;
  }
}
