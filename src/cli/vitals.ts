import { Command, Option } from 'commander';

export interface VitalsCliFlags {
  runs: string;
  threshold?: string[];
  chromium?: string;
  timeout: string;
  settle: string;
  allowOrigin?: string[];
  out?: string;
  format: string;
  quiet?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerVitals(program: Command, setCode: (c: number) => void): void {
  program
    .command('vitals')
    .description('Web Vitals of pages in headless Chromium: LCP, CLS, INP, FCP, TTFB, cold and warm, with percentiles and thresholds')
    .argument('<urls...>', 'pages to load (absolute http(s) URLs)')
    .option('--runs <n>', 'loads per page, cold and again warm (default 3)', '3')
    .option('--threshold <expr>', 'e.g. "lcp: p(75)<2500", "cls{mode:cold}: p(75)<0.1" (repeatable); exit 1 when one fails', collect)
    .option('--chromium <path>', 'browser binary (default: GONOGO_CHROMIUM, else /usr/bin/chromium)')
    .option('--timeout <time>', 'per page load (default 30s)', '30s')
    .option('--settle <time>', 'wait after the load event for late paints and shifts (default 1s)', '1s')
    .option('--allow-origin <origin>', 'let pages load from this origin too, e.g. https://cdn.example.com (repeatable; others are blocked)', collect)
    .option('--out <file>', 'write the result JSON (gonogo/vitals-result@1) to this file')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('-q, --quiet', 'no progress lines on stderr')
    .action(async (urls: string[], flags: VitalsCliFlags) => {
      const { runVitalsCommand } = await import('./vitals-action.js');
      setCode(await runVitalsCommand(urls, flags));
    });
}
