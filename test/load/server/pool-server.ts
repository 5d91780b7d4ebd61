import client from 'prom-client';
import { httpServer, type TestServer } from '../../helpers/servers.js';

/**
 * A loopback service with a real bounded "connection pool" (a semaphore of `max` slots, each held
 * `holdMs` per request) whose state is exposed with prom-client under HikariCP's names, next to
 * prom-client's default process and event-loop metrics. More concurrent requests than slots make
 * the pool saturate: in use = max with waiters pending.
 */
export async function poolServer(o: { max: number; holdMs: number }): Promise<TestServer & { metricsUrl: string; peak: () => { active: number; pending: number } }> {
  const reg = new client.Registry();
  client.collectDefaultMetrics({ register: reg });
  let active = 0;
  const waiters: (() => void)[] = [];
  const peak = { active: 0, pending: 0 };
  const g = (name: string, read: () => number) =>
    new client.Gauge({
      name,
      help: name,
      labelNames: ['pool'],
      registers: [reg],
      collect() {
        this.set({ pool: 'main' }, read());
      },
    });
  g('hikaricp_connections_active', () => active);
  g('hikaricp_connections_idle', () => o.max - active);
  g('hikaricp_connections_max', () => o.max);
  g('hikaricp_connections_pending', () => waiters.length);
  const acquire = (): Promise<void> => {
    if (active < o.max) {
      active++;
      peak.active = Math.max(peak.active, active);
      return Promise.resolve();
    }
    return new Promise((r) => {
      waiters.push(r);
      peak.pending = Math.max(peak.pending, waiters.length);
    });
  };
  const release = () => {
    const next = waiters.shift();
    if (next) next();
    else active--;
  };
  const srv = await httpServer((req, res) => {
    if (req.url === '/metrics') {
      void reg.metrics().then((text) => {
        res.setHeader('content-type', reg.contentType);
        res.end(text);
      });
      return;
    }
    void acquire().then(() =>
      setTimeout(() => {
        release();
        res.end('ok');
      }, o.holdMs),
    );
  });
  return { ...srv, metricsUrl: `${srv.url}metrics`, peak: () => ({ ...peak }) };
}
