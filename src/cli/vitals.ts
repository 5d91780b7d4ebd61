import { Command, Option } from 'commander';

export interface VitalsCliFlags {
  runs?: string;
  threshold?: string[];
  chromium?: string;
  out?: string;
  format: 'table' | 'json';
  timeout?: string;
  maxTime?: string;
  settle?: string;
  allowOrigin?: string[];
  quiet?: boolean;
  cpuThrottle?: string;
  network?: string;
  step?: string[];
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerVitals(program: Command, setCode: (c: number) => void): void {
  program
    .command('vitals')
    .description('Measure Web Vitals (LCP, CLS, INP, FCP, TTFB) of pages in headless Chromium, cold and warm')
    .argument('<url...>', 'pages to load (absolute http:// or https:// URLs)')
    .option('--runs <n>', 'loads per page and mode (cold and warm) (default 5)')
    .option('--threshold <expr>', 'threshold, e.g. "lcp p(75)<2500" (repeatable)', collect)
    .option('--chromium <path>', 'browser binary (default: GONOGO_CHROMIUM, else /usr/bin/chromium)')
    .option('--timeout <time>', 'per page load, including settle and interaction (default 30s)')
    .option('--max-time <time>', 'limit for the whole measurement; later runs are skipped (default 5m)')
    .option('--step <step>', 'scripted step on every page: "click SEL", "type SEL TEXT", "press KEY", "waitFor SEL", "wait DURATION" (repeatable, in order)', collect)
    .option('--settle <time>', 'wait after the load event before the scripted interaction (default 1s)')
    .option('--allow-origin <origin>', 'let pages fetch from this origin too (repeatable; default: the page\'s own origin only)', collect)
    .option('--cpu-throttle <factor>', 'slow the page\'s CPU down by this factor, e.g. 4 (DevTools CPU throttling; default 1: none)')
    .option('--network <preset>', 'throttle the network: fast-4g, slow-4g, 3g, or LATENCY,DOWN_KBPS,UP_KBPS (e.g. 300ms,1600,750)')
    .option('--out <file>', 'also write the JSON result to this file')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('-q, --quiet', 'no progress lines on stderr')
    .action(async (urls: string[], flags: VitalsCliFlags) => {
      const { runVitalsCommand } = await import('./vitals-action.js');
      setCode(await runVitalsCommand(urls, flags));
    });
}
