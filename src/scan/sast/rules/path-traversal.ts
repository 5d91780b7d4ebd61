import { OWASP, type SastRule } from '../rule.js';
import { taintSinkRule } from '../taint-sinks.js';

/** pathlib.Path methods that touch the file system: reported when the Path itself carries request data. */
const PY_PATH_METHOD = /^(?:read_text|read_bytes|write_text|write_bytes|open|exists|is_file|is_dir|unlink|touch|mkdir|rmdir|iterdir|stat)$/;
const JS = /^(?:fs|fs\.promises|fs\/promises|fse|fs-extra)\.(?:readFile|readFileSync|writeFile|writeFileSync|appendFile|appendFileSync|createReadStream|createWriteStream|open|openSync|unlink|unlinkSync|rm|rmSync|readdir|readdirSync|stat|statSync|access|accessSync|mkdir|mkdirSync|rename|renameSync|copyFile|copyFileSync|readJson|outputFile|remove)$/;
const JS_RES = /^(?:res|response|reply)\.(?:sendFile|download|sendfile)$/;
const PY = /^(?:open|io\.open|codecs\.open|os\.open|os\.remove|os\.unlink|os\.rmdir|os\.removedirs|os\.listdir|os\.scandir|os\.makedirs|os\.mkdir|os\.rename|os\.chmod|os\.stat|os\.access|os\.path\.(?:exists|lexists|isfile|isdir|getsize)|shutil\.(?:copy|copyfile|copy2|copytree|move|rmtree)|pathlib\.Path|Path|flask\.send_file|send_file|tarfile\.open|zipfile\.ZipFile|fileinput\.input|aiofiles\.open|FileResponse|django\.http\.FileResponse)$/;

export const rule: SastRule = taintSinkRule(
  {
    id: 'sast.path-traversal',
    title: 'File path built from request data',
    severity: 'high',
    cwe: 'CWE-22',
    owasp: OWASP.A01,
    eslint: 'detect-non-literal-fs-filename',
    families: ['js', 'py'],
    remediation: 'Reduce the input to a base name (path.basename / os.path.basename / secure_filename), join it to a fixed folder and check the resolved path stays inside it.',
    samples: {
      bad: [
        { lang: 'python', code: `import os\nfrom flask import request\n\nUPLOADS = "/srv/uploads"\n\n@app.route("/download")\ndef download():\n    name = request.args.get("file")\n    path = os.path.join(UPLOADS, name)\n    with open(path, "rb") as fh:\n        return fh.read()\n` },
        { lang: 'javascript', code: `const fs = require('fs');\nconst path = require('path');\napp.get('/logs', (req, res) => {\n  const file = path.join(__dirname, 'logs', req.query.name);\n  fs.readFile(file, 'utf8', (err, data) => res.send(data));\n});\n` },
      ],
      good: [
        { lang: 'python', code: `import os\nfrom flask import request\n\nUPLOADS = "/srv/uploads"\n\n@app.route("/download")\ndef download():\n    name = os.path.basename(request.args.get("file"))\n    with open(os.path.join(UPLOADS, name), "rb") as fh:\n        return fh.read()\n` },
        { lang: 'javascript', code: `const fs = require('fs');\nconst path = require('path');\napp.get('/logs', (req, res) => {\n  const file = path.join(__dirname, 'logs', path.basename(req.query.name));\n  fs.readFile(file, 'utf8', (err, data) => res.send(data));\n});\n` },
      ],
    },
  },
  'path',
  (call, ctx) => {
    if (ctx.family === 'py') {
      if (PY.test(call.name)) return [call.args[0]];
      // `(base / name).read_text()`, `p.exists()`: the receiver is the path (a module is never tainted).
      if (call.receiver && PY_PATH_METHOD.test(call.last)) return [call.receiver];
      return undefined;
    }
    if (JS.test(call.name)) return [call.args[0]];
    // res.sendFile(p, { root }) confines the path; without a root the path is taken as is.
    if (JS_RES.test(call.name) && !call.args.some((a) => a.type === 'object' && ctx.prop(a, 'root'))) return [call.args[0]];
    return undefined;
  },
);
