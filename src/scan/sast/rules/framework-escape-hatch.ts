import { OWASP, type SastRule } from '../rule.js';

/** Framework calls that mark a value as already safe HTML / script / URL, skipping the framework's escaping. */
const JS_HATCH = /(?:^|\.)bypassSecurityTrust(?:Html|Script|Style|Url|ResourceUrl)$/;
const PY_HATCH = /^(?:django\.utils\.safestring\.)?(?:mark_safe|SafeString|SafeText)$|^(?:markupsafe\.|flask\.|jinja2\.)?Markup$/;

/**
 * Escape hatches (CWE-79): Angular's DomSanitizer.bypassSecurityTrust* and sanitize(SecurityContext.NONE, v) (which
 * returns v untouched), Django's mark_safe, Markup. They are
 * fine for constants; any value built from a variable is reported (a function parameter counts: the DOM
 * sink is reached from wherever it is called), since the framework no longer escapes it.
 */
export const rule: SastRule = {
  id: 'sast.framework-escape-hatch',
  title: 'Framework escaping bypassed for a non-constant value (bypassSecurityTrust*, SecurityContext.NONE, mark_safe, Markup)',
  severity: 'medium',
  cwe: 'CWE-79',
  owasp: OWASP.A03,
  families: ['js', 'py'],
  remediation: 'Let the framework escape the value; if markup is needed, sanitise it first (DOMPurify, bleach) and mark only the sanitised result as safe.',
  samples: {
    bad: [
      { lang: 'typescript', code: `import { DomSanitizer } from '@angular/platform-browser';\nexport class Bio {\n  constructor(private s: DomSanitizer) {}\n  render(html: string) {\n    return this.s.bypassSecurityTrustHtml(html);\n  }\n}\n` },
      { lang: 'python', code: `from django.utils.safestring import mark_safe\n\ndef badge(label):\n    return mark_safe("<span>" + label + "</span>")\n` },
      { lang: 'typescript', code: `import { DomSanitizer, SecurityContext } from '@angular/core';\nexport class Note {\n  constructor(private s: DomSanitizer) {}\n  show(text: string) {\n    return this.s.sanitize(SecurityContext.NONE, text);\n  }\n}\n` },
    ],
    good: [
      { lang: 'typescript', code: `import { DomSanitizer } from '@angular/platform-browser';\nimport DOMPurify from 'dompurify';\nexport class Bio {\n  constructor(private s: DomSanitizer) {}\n  render(html: string) {\n    this.s.bypassSecurityTrustHtml('<b>static</b>');\n    return this.s.bypassSecurityTrustHtml(DOMPurify.sanitize(html));\n  }\n}\n` },
      { lang: 'python', code: `from django.utils.html import escape\nfrom django.utils.safestring import mark_safe\n\ndef badge(label):\n    return mark_safe("<span>" + escape(label) + "</span>")\n` },
      { lang: 'typescript', code: `import { DomSanitizer, SecurityContext } from '@angular/core';\nexport class Note {\n  constructor(private s: DomSanitizer) {}\n  show(text: string) {\n    this.s.sanitize(SecurityContext.NONE, '<b>static</b>');\n    return this.s.sanitize(SecurityContext.HTML, text);\n  }\n}\n` },
    ],
  },
  onCall(call, ctx) {
    // Angular's sanitize(SecurityContext.NONE, v) skips sanitising: the value to check is the second argument.
    const noneContext = ctx.family === 'js' && call.last === 'sanitize' && /(?:^|\.)SecurityContext\.NONE$/.test(call.args[0]?.text ?? '');
    if (!noneContext && !(ctx.family === 'py' ? PY_HATCH : JS_HATCH).test(call.name)) return;
    const v = call.args[noneContext ? 1 : 0];
    if (!v || ctx.literal(v)) return;
    // Sanitised first: the value is the result of a known HTML sanitiser, or every variable part is.
    if (/(?:sanitize|purify|escape|clean|bleach)/i.test(v.text)) return;
    // Request data reaching mark_safe / Markup is reflected XSS, reported by that rule.
    if (ctx.family === 'py' && ctx.tainted(v, 'xss')) return;
    ctx.report(call.node, noneContext ? 'sanitize(SecurityContext.NONE, ...) returns a non-constant value unsanitised' : `${call.last}() marks a non-constant value as safe`);
  },
};
