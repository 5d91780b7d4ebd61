import type { SyntaxNode } from '../parser.js';
import { OWASP, type RuleContext, type SastRule } from '../rule.js';

/** MongoDB-style query methods whose first argument is a selector (filter). */
const METHODS = /^(?:find|findOne|find_one|findOneAndUpdate|find_one_and_update|findOneAndDelete|find_one_and_delete|findOneAndReplace|updateOne|update_one|updateMany|update_many|deleteOne|delete_one|deleteMany|delete_many|countDocuments|count_documents|count|distinct|replaceOne|replace_one|remove|update|where)$/;
/** Receivers that look like a collection or a model (Mongoose, pymongo, MongoDB driver). */
/** Update methods: MongoDB's take (selector, update); one argument is an ORM instance's `user.update(values)`. */
const UPDATES = /^(?:update|updateOne|update_one|updateMany|update_many|replaceOne|replace_one|findOneAndUpdate|find_one_and_update|findOneAndReplace)$/;
const COLLECTION = /(?:collection|coll|db|mongo|model|users?|accounts?|items?|orders?|posts?|docs?|documents?|records?|products?|customers?|sessions?|[A-Z]\w*)$/;

/**
 * NoSQL injection (CWE-943): request data used as a MongoDB selector, or pasted into a `$where` JavaScript
 * string. `find(req.body)` or `find({ user: req.body.user })` lets the client send `{"$ne": null}` instead of
 * a value; `{ $where: "this.name == '" + name + "'" }` runs its JavaScript on the server.
 */
export const rule: SastRule = {
  id: 'sast.nosql-injection',
  title: 'Request data used as a NoSQL (MongoDB) query selector or $where code',
  severity: 'high',
  cwe: 'CWE-943',
  owasp: OWASP.A03,
  families: ['js', 'py'],
  likelihood: 'high',
  sinkKind: 'sql',
  remediation: 'Coerce each value to the type you expect (String(x), int(x)) before it goes into a filter, or use mongo-sanitize / express-mongo-sanitize; never build $where from request data.',
  samples: {
    bad: [
      { lang: 'javascript', code: `app.post('/login', async (req, res) => {\n  const user = await db.collection('users').findOne({ name: req.body.name, password: req.body.password });\n  res.json(Boolean(user));\n});\n` },
      { lang: 'javascript', code: `app.get('/search', async (req, res) => {\n  res.json(await Post.find(req.query));\n});\n` },
      { lang: 'javascript', code: `app.post('/reset', async (req, res) => {\n  const user = await User.findOne({ email: { $gt: '', $eq: req.body.email }, token: { $ne: req.body.token } });\n  res.json(Boolean(user));\n});\n` },
      { lang: 'python', code: `from flask import request\n\n@app.route("/find")\ndef find():\n    name = request.args["name"]\n    return str(list(db.users.find({"$where": "this.name == '" + name + "'"})))\n` },
    ],
    good: [
      { lang: 'javascript', code: `app.get('/product', async (req, res) => {\n  const product = await db.Product.find({ where: { id: req.query.id } });\n  res.json(product);\n});\n` },
      { lang: 'javascript', code: `app.post('/login', async (req, res) => {\n  const user = await db.collection('users').findOne({ name: String(req.body.name) });\n  res.json(Boolean(user));\n});\n` },
      { lang: 'javascript', code: `app.post('/reset', async (req, res) => {\n  const user = await User.findOne({ email: { $eq: req.body.email } });\n  res.json(Boolean(user));\n});\n` },
      { lang: 'python', code: `from flask import request\n\n@app.route("/find")\ndef find():\n    name = str(request.args["name"])\n    return str(list(db.users.find({"name": name})))\n` },
    ],
  },
  onCall(call, ctx) {
    if (!METHODS.test(call.last) || !call.receiver) return;
    const recv = ctx.name(call.receiver) || call.receiver.text;
    if (!COLLECTION.test(recv.replace(/\(\)$/, '')) && !/\bcollection\(/.test(call.receiver.text)) return;
    const sel = call.args[0];
    if (!sel) return;
    if (UPDATES.test(call.last) && call.args.length < 2) return;
    if (selectorTainted(sel, ctx, call.node)) ctx.report(call.node, `NoSQL injection: request data reaches the selector of ${call.last}()`);
  },
};

/**
 * A selector carries request data as an object (not coerced to a string or number) or inside `$where`.
 * In Python a request value from `args`/`form` is always a string, so only `$where` and whole JSON bodies
 * count there; in JS `req.body.x` / `req.query.x` may be an object (`x[$ne]=1`).
 */
function selectorTainted(sel: SyntaxNode, ctx: RuleContext, at: SyntaxNode): boolean {
  if (sel.type === 'object' || sel.type === 'dictionary') {
    for (const pair of sel.namedChildren) {
      if (!pair || (pair.type !== 'pair' && pair.type !== 'shorthand_property_identifier' && pair.type !== 'spread_element' && pair.type !== 'dictionary_splat')) continue;
      const key = pair.type === 'pair' ? pair.childForFieldName('key') : null;
      const value = pair.type === 'pair' ? pair.childForFieldName('value') : pair.type === 'shorthand_property_identifier' ? pair : pair.namedChildren[0];
      if (!value) continue;
      const k = key ? (ctx.str(key) ?? key.text) : '';
      // An ORM's options object (Sequelize / TypeORM `find({ where: { id } })`): its values are bound parameters.
      if (k === 'where' && ctx.family === 'js') continue;
      if (k === '$where' || k === '$function' || k === '$accumulator') {
        if (ctx.tainted(value, 'sql')) return true;
        continue;
      }
      if (ctx.family === 'js' && !isCoerced(value) && !eqOperand(value, ctx) && !checkedScalar(value, at) && ctx.tainted(value, 'sql')) return true;
      if (ctx.family === 'py' && (pair.type === 'dictionary_splat') && ctx.tainted(value, 'sql')) return true;
    }
    return false;
  }
  if (sel.type === 'string' || sel.type === 'template_string' || sel.type === 'binary_expression' || sel.type === 'binary_operator') return ctx.tainted(sel, 'sql'); // find("this.a == '" + x + "'") is $where
  return ctx.family === 'js' ? !isCoerced(sel) && !checkedScalar(sel, at) && ctx.tainted(sel, 'sql') : /json|get_json|body|data/.test(sel.text) && ctx.tainted(sel, 'sql');
}

/** `{ $eq: x }`: MongoDB compares the operand as a value, so an object sent as `x` cannot add an operator. */
function eqOperand(n: SyntaxNode, ctx: RuleContext): boolean {
  const pairs = n.type === 'object' ? n.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment') : [];
  return pairs.length > 0 && pairs.every((p) => p.type === 'pair' && (ctx.str(p.childForFieldName('key')) ?? p.childForFieldName('key')?.text) === '$eq');
}

function isCoerced(n: SyntaxNode): boolean {
  return /^(?:String|Number|parseInt|parseFloat|Boolean|ObjectId|new ObjectId|mongoose\.Types\.ObjectId|sanitize|mongoSanitize)\b/.test(n.text) || n.type === 'template_string' || n.type === 'number';
}

/**
 * `value` was checked to be a string or number before `at`, so it cannot carry an operator object:
 * `if (typeof req.body.id !== 'string') return` earlier in a block around `at`, or `at` inside
 * `if (typeof id === 'string') { ... }`. The check must name the same expression as the selector value.
 */
function checkedScalar(value: SyntaxNode, at: SyntaxNode): boolean {
  const v = value.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const negative = new RegExp(`typeof\\s*\\(?\\s*${v}\\s*\\)?\\s*!==?\\s*['"](?:string|number)['"]`);
  const positive = new RegExp(`typeof\\s*\\(?\\s*${v}\\s*\\)?\\s*===?\\s*['"](?:string|number)['"]`);
  for (let n: SyntaxNode | null = at; n?.parent; n = n.parent) {
    const parent: SyntaxNode = n.parent;
    if (parent.type === 'if_statement' && parent.childForFieldName('consequence')?.id === n.id) {
      const cond = parent.childForFieldName('condition')?.text ?? '';
      if (positive.test(cond) && !/\|\|/.test(cond)) return true;
    }
    if (parent.type !== 'statement_block' && parent.type !== 'program') continue;
    for (const stmt of parent.namedChildren) {
      if (!stmt || stmt.startIndex >= n.startIndex) break;
      if (stmt.type !== 'if_statement') continue;
      const cond = stmt.childForFieldName('condition')?.text ?? '';
      const then = stmt.childForFieldName('consequence')?.text ?? '';
      if (negative.test(cond) && !cond.includes('&&') && /\b(?:return|throw)\b/.test(then)) return true;
    }
  }
  return false;
}
