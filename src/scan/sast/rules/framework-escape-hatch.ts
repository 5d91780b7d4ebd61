import { OWASP, type SastRule } from '../rule.js';

/** Framework calls that mark a value as already safe HTML / script / URL, skipping the framework's escaping. */
const JS_HATCH = /(?:^|\.)bypassSecurityTrust(?:Html|Script|Style|Url|ResourceUrl)$/;
const PY_HATCH = /^(?:django\.utils\.safestring\.)?(?:mark_safe|SafeString|SafeText)$|^(?:markupsafe\.|flask\.|jinja2\.)?Markup$/;

/**
 * Escape hatches (CWE-79): Angular's DomSanitizer.bypassSecurityTrust*, Django's mark_safe, Markup. They are
 * fine for constants; any value built from a variable is reported (a function parameter counts: the DOM
 * sink is reached from wherever it is called), since the framework no longer escapes it.
 */
export const rule: SastRule = {
  id: 'sast.framework-escape-hatch',
  title: 'Framework escaping bypassed for a non-constant value (bypassSecurityTrust*, mark_safe, Markup)',
  severity: 'medium',
  cwe: 'CWE-79',
  owasp: OWASP.A03,
  families: ['js', 'py'],
  remediation: 'Let the framework escape the value; if markup is needed, sanitise it first (DOMPurify, bleach) and mark only the sanitised result as safe.',
  samples: {
    bad: [
      { lang: 'typescript', code: `import { DomSanitizer } from '@angular/platform-browser';\nexport class Bio {\n  constructor(private s: DomSanitizer) {}\n  render(html: string) {\n    return this.s.bypassSecurityTrustHtml(html);\n  }\n}\n` },
      { lang: 'python', code: `from django.utils.safestring import mark_safe\n\ndef badge(label):\n    return mark_safe("<span>" + label + "</span>")\n` },
    ],
    good: [
      { lang: 'typescript', code: `import { DomSanitizer } from '@angular/platform-browser';\nimport DOMPurify from 'dompurify';\nexport class Bio {\n  constructor(private s: DomSanitizer) {}\n  render(html: string) {\n    this.s.bypassSecurityTrustHtml('<b>static</b>');\n    return this.s.bypassSecurityTrustHtml(DOMPurify.sanitize(html));\n  }\n}\n` },
      { lang: 'python', code: `from django.utils.html import escape\nfrom django.utils.safestring import mark_safe\n\ndef badge(label):\n    return mark_safe("<span>" + escape(label) + "</span>")\n` },
    ],
  },
  onCall(call, ctx) {
    if (!(ctx.family === 'py' ? PY_HATCH : JS_HATCH).test(call.name)) return;
    const v = call.args[0];
    if (!v || ctx.literal(v)) return;
    // Sanitised first: the value is the result of a known HTML sanitiser, or every variable part is.
    if (/(?:sanitize|purify|escape|clean|bleach)/i.test(v.text)) return;
    // Request data reaching mark_safe / Markup is reflected XSS, reported by that rule.
    if (ctx.family === 'py' && ctx.tainted(v, 'xss')) return;
    ctx.report(call.node, `${call.last}() marks a non-constant value as safe`);
  },
};
