import type { Page } from 'playwright-core';
import { parseDuration } from '../../core/duration.js';
import { UsageError } from '../../core/errors.js';
import { NETWORK_PRESETS, type NetworkConditions, type VitalsThrottle } from '../../core/vitals.js';

export { NETWORK_PRESETS };

export const NO_THROTTLE: VitalsThrottle = Object.freeze({ cpu: 1, network: null });

const NETWORK_HINT = `one of ${Object.keys(NETWORK_PRESETS).join(', ')}, or LATENCY,DOWN_KBPS,UP_KBPS such as 300ms,1600,750`;

/** `--network slow-4g` or `--network 300ms,1600,750` (latency, download and upload kbit/s; 0 = not limited). */
export function parseNetwork(value: string, where: string): NetworkConditions {
  const preset = NETWORK_PRESETS[value.trim().toLowerCase()];
  if (preset) return preset;
  const parts = value.split(',').map((s) => s.trim());
  if (parts.length !== 3) throw new UsageError(`${where}: "${value}" is not a network preset or LATENCY,DOWN_KBPS,UP_KBPS`, { where, hint: NETWORK_HINT });
  const latencyMs = parseDuration(parts[0]!, where);
  const [down, up] = [Number(parts[1]), Number(parts[2])];
  if (!Number.isFinite(down) || down < 0 || !Number.isFinite(up) || up < 0) throw new UsageError(`${where}: throughputs must be kbit/s numbers >= 0, got "${parts[1]}" and "${parts[2]}"`, { where, hint: NETWORK_HINT });
  return { name: 'custom', latencyMs, downloadKbps: down, uploadKbps: up };
}

/** `--cpu-throttle 4`: the page's main thread runs 4 times slower (1 = none, at most 20). */
export function parseCpuThrottle(value: string | number, where: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 1 || n > 20) throw new UsageError(`${where} expects a slowdown factor from 1 to 20, got "${value}"`, { where, hint: 'e.g. 4 (a mid-range phone, as Lighthouse simulates)' });
  return n;
}

const kbpsToBytes = (kbps: number) => (kbps > 0 ? (kbps * 1000) / 8 : -1);

/**
 * Slow one page down through the DevTools protocol before it navigates. The session belongs to the page, so the
 * settings hold across its reloads (warm runs) and end with it.
 */
export async function applyThrottle(page: Page, t: VitalsThrottle): Promise<void> {
  if (t.cpu === 1 && !t.network) return;
  const cdp = await page.context().newCDPSession(page);
  if (t.cpu !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: t.cpu });
  if (t.network) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: t.network.latencyMs,
      downloadThroughput: kbpsToBytes(t.network.downloadKbps),
      uploadThroughput: kbpsToBytes(t.network.uploadKbps),
    });
  }
}
