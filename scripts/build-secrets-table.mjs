// Part of `npm run build` (after tsc): writes the secrets matcher's keyword automaton and reach bounds for the
// built-in rules to dist/scan/secrets/keyword-table.bin, so `gonogo scan secrets` loads them instead of building
// them at start-up (src/scan/secrets/matcher-tables.ts; a run checks the file's fingerprint against its rules).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const { buildTables, encodeTables, rulesFingerprint, TABLE_FILE } = await import('../dist/scan/secrets/matcher-tables.js');
const { SECRET_RULES } = await import('../dist/scan/secrets/rules/index.js');
const bytes = encodeTables(buildTables(SECRET_RULES), rulesFingerprint(SECRET_RULES));
writeFileSync(TABLE_FILE, bytes);
process.stdout.write(`${fileURLToPath(TABLE_FILE)}: ${SECRET_RULES.length} rules, ${bytes.length} bytes\n`);
