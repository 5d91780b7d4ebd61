/**
 * How a failed request is classified. Stable strings: they appear in JSON and CSV output
 * and in docs/load.md.
 */
export const ERROR_CLASSES = ['http_4xx', 'http_5xx', 'timeout', 'refused', 'reset', 'tls', 'dns', 'protocol', 'stream', 'other'] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

export const ERROR_CLASS_INDEX: Record<ErrorClass, number> = Object.fromEntries(ERROR_CLASSES.map((c, i) => [c, i])) as Record<ErrorClass, number>;

/** Map a socket/TLS error to a class by its Node error code. */
export function classifySocketError(err: NodeJS.ErrnoException): ErrorClass {
  const code = err.code ?? '';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED') return 'reset';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL') return 'dns';
  if (code === 'ETIMEDOUT') return 'timeout';
  // HTTP/2 framing or stream errors (garbage after an h2 handshake, RST_STREAM, GOAWAY): the peer broke the protocol.
  if (code.startsWith('ERR_HTTP2')) return 'protocol';
  if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO|ALTNAME/.test(code)) return 'tls';
  if (/ssl|tls|certificate/i.test(err.message)) return 'tls';
  return 'other';
}
