import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SECRET_RULES } from '../../../src/scan/secrets/rules/index.js';
import { rulesTable } from '../../../src/scan/secrets/rules-table.js';

const DOC = new URL('../../../docs/secrets.md', import.meta.url);
const START = '<!-- rules:start (generated: GONOGO_UPDATE_DOCS=1 npx vitest run test/scan/secrets/docs.test.ts) -->';
const END = '<!-- rules:end -->';

describe('docs/secrets.md', () => {
  it('lists every rule id, in a table generated from the rules', () => {
    let text = readFileSync(DOC, 'utf8');
    const generated = `${START}\n${rulesTable(SECRET_RULES)}\n${END}`;
    if (process.env.GONOGO_UPDATE_DOCS) {
      text = text.slice(0, text.indexOf(START)) + generated + text.slice(text.indexOf(END) + END.length);
      writeFileSync(DOC, text);
    }
    const a = text.indexOf(START);
    const b = text.indexOf(END);
    expect(a, 'rules markers').toBeGreaterThan(-1);
    expect(text.slice(a, b + END.length)).toBe(generated);
    for (const r of SECRET_RULES) expect(text).toContain(`\`${r.id}\``);
  });
});
