import { OWASP, type SastRule } from '../rule.js';
import { fixedTarget, taintSinkRule } from '../taint-sinks.js';

const JS = /^(?:fetch|window\.fetch|undici\.(?:fetch|request)|axios(?:\.(?:get|post|put|delete|patch|head|request))?|got(?:\.(?:get|post|put|stream))?|needle(?:\.(?:get|post))?|superagent\.(?:get|post)|request(?:\.(?:get|post))?|node-fetch|http\.(?:get|request)|https\.(?:get|request))$/;
const PY = /^(?:requests\.(?:get|post|put|delete|patch|head|options|request)|httpx\.(?:get|post|put|delete|patch|head|request|stream)|urllib\.request\.(?:urlopen|Request)|urllib2\.urlopen|urllib\.urlopen|urlopen|aiohttp\.request|.*\.session\.(?:get|post)|pycurl\..*)$/;

export const rule: SastRule = taintSinkRule(
  {
    id: 'sast.ssrf',
    title: 'Server-side request to a URL taken from request data (SSRF)',
    severity: 'high',
    cwe: 'CWE-918',
    owasp: OWASP.A10,
    bandit: 'B310',
    families: ['js', 'py'],
    remediation: 'Fetch only URLs built from a fixed base; if the host must vary, check it against an allow-list and block private and link-local addresses.',
    samples: {
      bad: [
      { lang: 'python', code: `import requests\n\ndef status(request):\n    host = request.GET["host"]\n    r = requests.get("https://{}/healthz".format(host), timeout=5)\n    return JsonResponse(r.json())\n` },
        { lang: 'python', code: `import requests\nfrom flask import request\n\n@app.route("/preview")\ndef preview():\n    url = request.args["url"]\n    r = requests.get(url, timeout=5)\n    return r.text[:200]\n` },
        { lang: 'typescript', code: `import axios from 'axios';\nexport async function proxy(req: any, res: any) {\n  const target = req.query.target as string;\n  const r = await axios.get(target);\n  res.send(r.data);\n}\n` },
      ],
      good: [
      { lang: 'python', code: `import requests\n\ndef weather(request):\n    city = request.GET.get("city")\n    r = requests.get("https://api.weather.example/v1/%s/today" % city, timeout=5)\n    day = request.GET.get("day")\n    s = requests.get("https://api.weather.example/v1/{}/{}".format(city, day), timeout=5)\n    return JsonResponse({"a": r.json(), "b": s.json()})\n` },
        { lang: 'python', code: `import requests\nfrom flask import request\n\n@app.route("/preview")\ndef preview():\n    page = int(request.args["page"])\n    r = requests.get(f"https://api.example.com/items?page={page}", timeout=5)\n    return r.text[:200]\n` },
        { lang: 'typescript', code: `import axios from 'axios';\nexport async function proxy(req: any, res: any) {\n  const id = encodeURIComponent(req.query.id);\n  const r = await axios.get('https://api.example.com/items/' + id);\n  res.send(r.data);\n}\n` },
      ],
    },
  },
  'ssrf',
  (call, ctx) => {
    if (!(ctx.family === 'py' ? PY : JS).test(call.name)) return undefined;
    const url = call.args[0] ?? (ctx.family === 'py' ? call.kw('url') : undefined);
    // A URL whose scheme and host are fixed (literal or configured) only varies in its path: not a forged target.
    return url && fixedTarget(url, ctx, 'ssrf') ? undefined : [url];
  },
);
