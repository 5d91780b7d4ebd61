import { OWASP, type SastRule } from '../rule.js';
import { receiverName, taintSinkRule } from '../taint-sinks.js';

// Methods that run SQL text given as their first argument.
const PY_METHODS = new Set(['execute', 'executemany', 'executescript', 'raw', 'extra', 'read_sql', 'read_sql_query', 'mogrify']);
const JS_METHODS = new Set(['query', 'execute', 'raw', 'run', 'all', 'get', 'exec', 'each', 'prepare', '$queryRawUnsafe', '$executeRawUnsafe', 'whereRaw', 'joinRaw', 'orderByRaw', 'havingRaw']);
const SQL_TEXT = /\b(?:select|insert|update|delete|replace|pragma|create|drop|alter|with|values|where|from)\b|sql|query|stmt|statement/i;
const DB = /(?:db|database|conn|connection|cursor|cur|client|pool|sequelize|knex|sql|sqlite|pg|mysql|prisma|session|engine|tx|trx|transaction|repo|manager|objects|model)/i;

export const rule: SastRule = taintSinkRule(
  {
    id: 'sast.sql-injection',
    title: 'SQL built from request data (concatenation, template string, f-string or % formatting)',
    severity: 'critical',
    cwe: 'CWE-89',
    owasp: OWASP.A03,
    bandit: 'B608',
    families: ['js', 'py'],
    remediation: 'Use parameterised queries (placeholders plus a values array/tuple) or the query builder; never format input into SQL text.',
    samples: {
      bad: [
        { lang: 'python', code: `from django.db.models.expressions import RawSQL\n\ndef search(request):\n    q = request.GET['q']\n    a = User.objects.extra(where=["name = '%s'" % q])\n    b = User.objects.annotate(v=RawSQL("SELECT '" + q + "'", []))\n    return a, b\n` },
        { lang: 'python', code: `import sqlite3\nfrom flask import request\n\n@app.route("/user")\ndef user():\n    uid = request.args.get("id")\n    cur = sqlite3.connect("app.db").cursor()\n    cur.execute(f"SELECT * FROM users WHERE id = '{uid}'")\n    return str(cur.fetchall())\n` },
        { lang: 'python', code: `from django.db import connection\n\ndef search(request):\n    term = request.GET["q"]\n    with connection.cursor() as cursor:\n        cursor.execute("SELECT name FROM items WHERE name LIKE '%%%s%%'" % term)\n        return cursor.fetchall()\n` },
        { lang: 'javascript', code: `const mysql = require('mysql2');\nconst db = mysql.createPool({});\napp.get('/orders', (req, res) => {\n  const sql = 'SELECT * FROM orders WHERE customer = ' + req.query.customer;\n  db.query(sql, (err, rows) => res.json(rows));\n});\n` },
        { lang: 'typescript', code: `import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function find(req: any) {\n  const { name } = req.params;\n  return pool.query(\`SELECT * FROM users WHERE name = '\${name}'\`);\n}\n` },
      ],
      good: [
        { lang: 'javascript', code: `const sessions = new Map();\napp.get('/me', (req, res) => {\n  const session = sessions.get(req.cookies.sid);\n  res.json(session);\n});\n` },
        { lang: 'python', code: `import sqlite3\nfrom flask import request\n\n@app.route("/user")\ndef user():\n    uid = request.args.get("id")\n    cur = sqlite3.connect("app.db").cursor()\n    cur.execute("SELECT * FROM users WHERE id = ?", (uid,))\n    cur.execute(f"SELECT * FROM users WHERE id = {int(uid)}")\n    return str(cur.fetchall())\n` },
        { lang: 'javascript', code: `const mysql = require('mysql2');\nconst db = mysql.createPool({});\napp.get('/orders', (req, res) => {\n  db.query('SELECT * FROM orders WHERE customer = ?', [req.query.customer], (err, rows) => res.json(rows));\n});\n` },
        { lang: 'typescript', code: `import { Pool } from 'pg';\nconst pool = new Pool();\nconst TABLE = 'users';\nexport async function find(req: any) {\n  return pool.query(\`SELECT * FROM \${TABLE} WHERE name = $1\`, [req.params.name]);\n}\n` },
      ],
    },
  },
  'sql',
  (call, ctx) => {
    const methods = ctx.family === 'py' ? PY_METHODS : JS_METHODS;
    if (!methods.has(call.last)) {
      // SQLAlchemy text("..."), Django RawSQL("...")
      if (/^(?:sqlalchemy\.)?text$|RawSQL$/.test(call.name)) return [call.args[0]];
      return undefined;
    }
    if (!call.receiver) return undefined;
    // Django QuerySet.extra(where=[...], select={...}, tables=[...], order_by=[...]) pastes its text into the query.
    if (ctx.family === 'py' && call.last === 'extra') return [call.args[0], call.kw('where'), call.kw('select'), call.kw('tables'), call.kw('order_by')];
    // `.get` / `.all` / `.run` are SQL only on something that looks like a database handle.
    if (['get', 'all', 'run', 'each', 'exec', 'prepare'].includes(call.last) && !DB.test(receiverName(call, ctx))) return undefined;
    // Even then they are SQL only when given SQL text: `cache.get(key)`, `sessions.get(id)` are map reads.
    if (['get', 'all', 'run', 'each', 'exec'].includes(call.last) && call.args[0] && !SQL_TEXT.test(call.args[0].text)) return undefined;
    return [call.args[0]];
  },
);
