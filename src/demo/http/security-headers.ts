/**
 * Headers every response carries (what the live probes and the HTTP Observatory look for).
 * Built once per server as a flat [name, value, ...] list so the hot path only copies it.
 * No Server or X-Powered-By header: Node's http module sends neither.
 */
export function securityHeaders(tls: boolean): string[] {
  const h = [
    'Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    'X-Content-Type-Options', 'nosniff',
    'X-Frame-Options', 'DENY',
    'Referrer-Policy', 'no-referrer',
    'Permissions-Policy', 'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
    'Cross-Origin-Opener-Policy', 'same-origin',
    'Cross-Origin-Resource-Policy', 'same-origin',
    // Every answer is either per-user or live state: nothing may be cached by browsers or proxies.
    'Cache-Control', 'no-store',
  ];
  if (tls) h.push('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
  return h;
}
