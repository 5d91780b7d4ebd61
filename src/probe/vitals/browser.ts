import { accessSync, constants } from 'node:fs';
import { GonogoError } from '../../core/errors.js';

/** Where a Chromium is looked for when neither --chromium nor GONOGO_CHROMIUM names one (Debian first). */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** Flags for a headless, quiet, reproducible browser: no background traffic, no QUIC, no GPU. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-default-apps'];

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The browser to launch: the flag, then GONOGO_CHROMIUM, then the usual paths; exit 2 naming what to do when none. */
export function findChromium(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, flagName = '--chromium'): string {
  const given = flag ?? env.GONOGO_CHROMIUM;
  if (given) {
    if (executable(given)) return given;
    throw new GonogoError('GONOGO_BROWSER_MISSING', `no executable browser at "${given}"`, { where: flag ? flagName : 'GONOGO_CHROMIUM', hint: 'give the path of a Chromium or Chrome binary' });
  }
  const found = CHROMIUM_CANDIDATES.find(executable);
  if (found) return found;
  throw new GonogoError('GONOGO_BROWSER_MISSING', 'no Chromium found for measuring Web Vitals', {
    details: [`looked at ${CHROMIUM_CANDIDATES.join(', ')}`],
    hint: `install it (Debian: apt-get install chromium) or give its path with ${flagName === '--chromium' ? '--chromium PATH' : flagName} / GONOGO_CHROMIUM`,
  });
}
