/** Content-Security-Policy parsing and the weaknesses the headers.csp check and the Observatory score look for. Pure. */
export type Csp = Map<string, string[]>;

/** Directives in order; a repeated directive is ignored after the first, as browsers do. */
export function parseCsp(header: string): Csp {
  const csp: Csp = new Map();
  for (const part of header.split(';')) {
    const tokens = part.trim().split(/\s+/).filter(Boolean);
    const name = tokens.shift()?.toLowerCase();
    if (!name || csp.has(name)) continue;
    csp.set(name, tokens.map((t) => (t.startsWith("'") ? t.toLowerCase() : t)));
  }
  return csp;
}

/** The sources that govern scripts: script-src, else default-src; undefined = unrestricted. */
export function scriptSources(csp: Csp): string[] | undefined {
  return csp.get('script-src') ?? csp.get('default-src');
}

const hasNonceOrHash = (srcs: string[]) => srcs.some((s) => /^'(nonce-|sha256-|sha384-|sha512-)/.test(s));
const BROAD = new Set(['*', 'http:', 'https:', 'data:', 'blob:']);

export interface CspFindings {
  /** Problems that make the policy ineffective against XSS. */
  unsafe: string[];
  /** Weaker points worth fixing. */
  weak: string[];
}

export function assessCsp(csp: Csp): CspFindings {
  const unsafe: string[] = [];
  const weak: string[] = [];
  const scripts = scriptSources(csp);
  if (!scripts) unsafe.push('no script-src or default-src: scripts are unrestricted');
  else {
    // 'unsafe-inline' is ignored by browsers when a nonce or hash is present.
    if (scripts.includes("'unsafe-inline'") && !hasNonceOrHash(scripts)) unsafe.push("'unsafe-inline' allows inline scripts");
    if (scripts.includes("'unsafe-eval'")) unsafe.push("'unsafe-eval' allows eval()");
    const broad = scripts.filter((s) => BROAD.has(s) || /^https?:\/\/\*$/.test(s));
    if (broad.length) unsafe.push(`script sources too broad: ${broad.join(' ')}`);
  }
  const objects = csp.get('object-src') ?? csp.get('default-src');
  if (!objects || objects.some((s) => BROAD.has(s))) weak.push("object-src is not restricted (set object-src 'none')");
  if (!csp.has('frame-ancestors')) weak.push('no frame-ancestors directive (clickjacking protection)');
  else if (csp.get('frame-ancestors')!.includes('*')) unsafe.push('frame-ancestors * allows framing by any site');
  const styles = csp.get('style-src') ?? csp.get('default-src');
  if (styles?.includes("'unsafe-inline'")) weak.push("'unsafe-inline' in style-src");
  if (!csp.has('base-uri')) weak.push('no base-uri directive');
  return { unsafe, weak };
}
