import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/core/config/index.js';
import { customRules } from '../../../src/scan/sast/custom-rules.js';
import { scanSource } from '../../../src/scan/sast/engine.js';
import { SAST_RULES } from '../../../src/scan/sast/rules/index.js';
import { runSast } from '../../../src/scan/sast/run.js';
import { tmpDir } from '../../helpers/cli.js';

/** scan.sast.custom: the project's own sources, sinks and sanitizers, built and run like the built-in rules. */
const CONFIG = {
  scan: {
    sast: {
      custom: [
        {
          id: 'sast.custom.audit-log',
          title: 'Request data written raw to the audit log',
          severity: 'high',
          cwe: 'CWE-117',
          sinks: ['audit\\.write', 'legacy\\.run_report'],
          args: [0],
          sources: ['get_tenant_param', 'ctx\\.tenantInput'],
          sanitizers: ['strip_newlines', 'oneLine'],
        },
      ],
    },
  },
};

function rules() {
  const config = validateConfig(CONFIG);
  return [...SAST_RULES, ...customRules(config.scan?.sast?.custom)];
}

async function found(code: string, lang: 'python' | 'javascript') {
  const r = await scanSource(code, lang, lang === 'python' ? 'app.py' : 'app.js', rules());
  return r.findings.filter((f) => f.ruleId === 'sast.custom.audit-log').map((f) => ('line' in f.location ? f.location.line : 0));
}

describe('custom SAST rules (scan.sast.custom)', () => {
  it('reports request data reaching a custom sink, in Python and JavaScript, at the sink line', async () => {
    expect(await found('from flask import request\nimport audit\n\ndef log():\n    audit.write("user " + request.args["u"])\n', 'python')).toEqual([5]);
    expect(await found("const audit = require('audit');\napp.get('/', (req, res) => {\n  audit.write(`user ${req.query.u}`);\n});\n", 'javascript')).toEqual([3]);
  });

  it('checks only the configured argument positions and leaves constants alone', async () => {
    expect(await found('from flask import request\nimport audit\n\ndef log():\n    audit.write("fixed", request.args["u"])\n    audit.write("login")\n', 'python')).toEqual([]);
  });

  it('treats the custom sources as request data and honours the custom sanitizers', async () => {
    expect(await found('import audit\n\ndef log():\n    audit.write(get_tenant_param("t"))\n    audit.write(strip_newlines(get_tenant_param("t")))\n', 'python')).toEqual([4]);
    expect(await found("const audit = require('audit');\nfunction log(ctx) {\n  audit.write(ctx.tenantInput);\n  audit.write(oneLine(ctx.tenantInput));\n}\n", 'javascript')).toEqual([3]);
  });

  it('runs from the config through runSast, selectable and disableable by id like a built-in', async () => {
    const root = tmpDir('gonogo-custom-');
    mkdirSync(path.join(root, 'app'));
    writeFileSync(path.join(root, 'app', 'log.py'), 'from flask import request\nimport legacy\n\ndef r():\n    legacy.run_report(request.form["q"])\n');
    const config = validateConfig(CONFIG);
    const on = await runSast({ root, scan: config.scan });
    expect(on.result.findings.map((f) => f.ruleId)).toEqual(['sast.custom.audit-log']);
    const off = await runSast({ root, scan: { ...config.scan, sast: { ...config.scan!.sast, disable: ['sast.custom.audit-log'] } } });
    expect(off.result.findings).toEqual([]);
  });

  it('rejects a bad rule with the config path and what to write', () => {
    const bad = { scan: { sast: { custom: [{ id: 'audit', title: 'x', severity: 'high', sinks: ['audit.(write'] }] } } };
    let text = '';
    try {
      validateConfig(bad);
    } catch (err) {
      text = JSON.stringify(err) + String(err);
    }
    expect(text).toMatch(/custom[.[]0\]?\.id[\s\S]*sast\.custom\.<name>/);
    expect(text).toMatch(/custom[.[]0\]?\.sinks[.[]0[\s\S]*regular expression/);
  });
});
