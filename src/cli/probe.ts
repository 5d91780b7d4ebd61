import { Command, Option } from 'commander';
import { REPORT_FORMAT_NAMES } from '../report/format-names.js';

export interface ProbeCliFlags {
  checks?: string;
  format: string;
  maxRequests?: string;
  rate?: string;
  timeout?: string;
  dryRun?: boolean;
  insecure?: boolean;
  strict?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

export function registerProbe(program: Command, setCode: (c: number) => void): void {
  program
    .command('probe')
    .description('Probe a running service from outside: WAF, rate limit, auth, TLS, headers, CORS, cookies, exposed files, SSRF')
    .argument('[base-url]', 'base URL of the service (default: target from the config)')
    .option('--checks <ids>', 'comma-separated check ids or prefixes to run, e.g. "headers,tls.protocols" (default: all)')
    .addOption(new Option('--format <format>', 'output format').choices(REPORT_FORMAT_NAMES).default('table'))
    .option('--max-requests <n>', 'request budget for the whole probe (default 2000)')
    .option('--rate <rps>', 'send at most this many requests per second (default: no pacing)')
    .option('--timeout <time>', 'per-request timeout, e.g. 5s (default 10s)')
    .option('--dry-run', 'list the requests the probe would send, send nothing')
    .option('--insecure', 'do not verify the TLS certificate of the target (tls.certificate still reports it)')
    .option('--strict', 'warnings fail the gate (exit 1)')
    .option('-q, --quiet', 'no progress lines on stderr')
    .option('-v, --verbose', 'table output: every check\'s evidence in full and every finding (default: full evidence for fail/warn, ten findings per check)')
    .action(async (url: string | undefined, flags: ProbeCliFlags, cmd: Command) => {
      const { runProbeCommand } = await import('./probe-action.js');
      setCode(await runProbeCommand(url, flags, cmd.optsWithGlobals().config as string | undefined));
    });
}
