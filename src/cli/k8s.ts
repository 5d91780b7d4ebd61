import { Command, Option } from 'commander';
import { REPORT_FORMAT_NAMES } from '../report/format-names.js';
import { registerLoad } from './load.js';

export interface K8sJobFlags {
  parallelism?: string;
  image?: string;
  name?: string;
  namespace?: string;
  cpu?: string;
  memory?: string;
  ttl?: string;
  out?: string;
  scenario?: string[];
  bodyFile?: string;
}

export interface K8sCollectFlags {
  namespace?: string;
  fromDir?: string;
  threshold?: string[];
  out?: string;
  format: string;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** `gonogo load` options the Job's pods take as they are; the others belong to `k8s job` itself or to each pod. */
const NOT_PASSED = new Set(['out', 'csv', 'format', 'quiet', 'scenario', 'bodyFile', 'executionSegment', 'executionSegmentSequence']);

function loadOptions(): Option[] {
  const p = new Command();
  registerLoad(p, () => {});
  return p.commands[0]!.options.filter((o) => !NOT_PASSED.has(o.attributeName()));
}

/** The pass-through load options given on the command line, back as arguments. */
export function loadArgsOf(cmd: Command): string[] {
  const args: string[] = [];
  for (const o of loadOptions()) {
    const key = o.attributeName();
    if (cmd.getOptionValueSource(key) !== 'cli') continue;
    const v = cmd.getOptionValue(key) as unknown;
    const flag = o.long ?? o.short!;
    if (v === true) args.push(flag);
    else for (const x of Array.isArray(v) ? v : [v]) args.push(flag, String(x));
  }
  return args;
}

export function registerK8s(program: Command, setCode: (c: number) => void): void {
  const k8s = program.command('k8s').description('Run a split load test as a Kubernetes Indexed Job and merge its pods\' results (docs/distributed.md)');
  const job = k8s
    .command('job')
    .description('Write a ConfigMap and an Indexed Job whose pods each run one execution segment of `gonogo load [url] [load flags]`')
    .argument('[url]', 'the target URL every pod loads (as for `gonogo load`)')
    .option('--parallelism <n>', 'pods, each one execution segment (default 2)')
    .option('--image <image>', 'the gonogo container image (default gonogo:<version>, built from the Containerfile)')
    .option('--name <name>', 'Job name (default gonogo-load); the ConfigMap is <name>-config')
    .option('--namespace <ns>', 'namespace of both objects (default: kubectl\'s current one)')
    .option('--cpu <quantity>', 'CPU request and limit per pod (default 1)')
    .option('--memory <quantity>', 'memory request and limit per pod (default 512Mi)')
    .option('--ttl <time>', 'keep the finished Job (and its logs) this long (default 24h)')
    .option('--scenario <file>', 'scenario file the pods run (copied into the ConfigMap); repeatable', collect)
    .option('--body-file <path>', 'request body file (copied into the ConfigMap)')
    .option('--out <file>', 'write the manifests here (default: stdout)');
  // Every `gonogo load` flag the pods run with (-c, -d, -R, --threshold, --profile, --start-at, ...), checked as `gonogo load` checks them.
  for (const o of loadOptions()) job.addOption(o);
  job.action(async (url: string | undefined, flags: K8sJobFlags, cmd: Command) => {
    const { runK8sJob } = await import('./k8s-action.js');
    setCode(await runK8sJob([...(url === undefined ? [] : [url]), ...loadArgsOf(cmd)], flags, cmd.optsWithGlobals().config as string | undefined));
  });
  k8s
    .command('collect')
    .description('Read the results the Job\'s pods printed (kubectl logs, or --from-dir) and merge them exactly')
    .argument('<job>', 'the Job name')
    .option('--namespace <ns>', 'namespace of the Job')
    .option('--from-dir <dir>', 'read saved pod logs (one file per pod) instead of calling kubectl')
    .option('--threshold <expr>', 'SLA threshold judged on the merged run (repeatable)', collect)
    .option('--out <file>', 'write the merged result as JSON; "-" for stdout')
    .addOption(new Option('--format <format>', 'what to print: the load summary, or a report format').choices(['summary', ...REPORT_FORMAT_NAMES]).default('summary'))
    .action(async (job: string, flags: K8sCollectFlags) => {
      const { runK8sCollect } = await import('./k8s-action.js');
      setCode(await runK8sCollect(job, flags));
    });
  k8s
    .command('pod')
    .description('Inside a Job pod: run segment JOB_COMPLETION_INDEX of --segments and print the result framed for `k8s collect`')
    .requiredOption('--segments <n>', 'how many equal segments the run is split into')
    .requiredOption('--args-file <file>', 'JSON list of the `gonogo load` arguments')
    .action(async (flags: { segments: string; argsFile: string }) => {
      const { runK8sPod } = await import('./k8s-action.js');
      setCode(await runK8sPod(flags));
    });
}
