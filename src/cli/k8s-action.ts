import { execFile } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { loadConfig } from '../core/config/load.js';
import { parseDuration } from '../core/duration.js';
import { GonogoError, UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { PACKAGE } from '../core/package-info.js';
import type { ThresholdSource } from '../core/thresholds/index.js';
import { collectJobFiles } from '../load/k8s/job-files.js';
import { CONFIG_DIR, jobManifests, manifestsYaml, segmentFlags, validJobName } from '../load/k8s/job-manifest.js';
import { frameResult, unframeResults } from '../load/k8s/result-frame.js';
import { mergeResults } from '../load/merge/merge-files.js';
import { mergeInputError, type SourcedResult } from '../load/merge/read-result.js';
import { resolveLoadOptions } from '../load/options.js';
import { isScripted, resolveScriptedOptions, scenarioFiles } from '../load/scripted-options.js';
import type { K8sCollectFlags, K8sJobFlags } from './k8s.js';
import { registerLoad, type LoadCliFlags } from './load.js';
import { printMerged } from './merge-action.js';

const run = promisify(execFile);
/** A ConfigMap holds at most 1 MiB. */
const CONFIGMAP_MAX = 1024 * 1024;

/** `gonogo load ARGS` parsed by the real `load` command's options, without running it. */
async function parseLoadArgs(args: readonly string[]): Promise<{ url: string | undefined; flags: LoadCliFlags; config: string | undefined }> {
  const program = new Command().exitOverride().option('--config <path>').configureOutput({ writeErr: () => {}, writeOut: () => {} });
  registerLoad(program, () => {});
  let got: { url: string | undefined; flags: LoadCliFlags; config: string | undefined } | undefined;
  const load = program.commands.find((c) => c.name() === 'load')!.exitOverride();
  load.action((url: string | undefined, flags: LoadCliFlags, cmd: Command) => {
    got = { url, flags, config: cmd.optsWithGlobals().config as string | undefined };
  });
  try {
    await program.parseAsync(['load', ...args], { from: 'user' });
  } catch (err) {
    throw new UsageError(`the load flags do not parse: ${(err as Error).message.replace(/^error: /, '')}`, { where: 'gonogo k8s job [load...]', hint: 'give the URL and flags exactly as to `gonogo load`' });
  }
  return got!;
}

/** `gonogo k8s job`: check the load flags as `gonogo load` would, then write the ConfigMap and Indexed Job. */
export async function runK8sJob(load: string[], flags: K8sJobFlags, configPath: string | undefined): Promise<number> {
  const cwd = process.cwd();
  const parallelism = Number(flags.parallelism ?? '2');
  if (!Number.isInteger(parallelism) || parallelism < 1 || parallelism > 1000) throw new UsageError(`--parallelism must be a whole number from 1 to 1000, got "${flags.parallelism}"`, { where: '--parallelism' });
  const name = flags.name ?? 'gonogo-load';
  if (!validJobName(name)) throw new UsageError(`--name "${name}" is not a valid Kubernetes name`, { where: '--name', hint: 'lower-case letters, digits and "-", at most 52 characters, starting and ending with a letter or digit' });
  for (const [q, where] of [[flags.cpu, '--cpu'], [flags.memory, '--memory']] as const) {
    if (q !== undefined && !/^\d+(\.\d+)?(m|Ki|Mi|Gi|k|M|G)?$/.test(q)) throw new UsageError(`${where} "${q}" is not a Kubernetes quantity`, { where, hint: 'e.g. --cpu 500m, --memory 512Mi' });
  }
  const ttlSeconds = Math.round(parseDuration(flags.ttl ?? '24h', '--ttl') / 1000);
  const { config, file: configFile } = await loadConfig({ cwd, configPath });
  const localArgs = [...load];
  for (const f of flags.scenario ?? []) localArgs.push('--scenario', f);
  if (flags.bodyFile !== undefined) localArgs.push('--body-file', flags.bodyFile);
  if (configFile) localArgs.push('--config', configFile);
  // Check everything a pod would check before its first request, here, once.
  const parsed = await parseLoadArgs(localArgs);
  const scripted = isScripted(parsed.flags, config);
  const scenarios = scripted ? scenarioFiles(parsed.flags, config, configFile, cwd) : [];
  if (scripted) resolveScriptedOptions(scenarios, parsed.url, parsed.flags, config, configFile, cwd);
  else resolveLoadOptions(parsed.url, parsed.flags, config, configFile, cwd);
  // The scenarios with the modules they import and the feeder files they read, the config, the body file.
  const others = [...(configFile ? [configFile] : []), ...(flags.bodyFile !== undefined ? [flags.bodyFile] : [])];
  const { files, podPath } = await collectJobFiles({ cwd, mount: CONFIG_DIR, scenarios, others });
  const podArgs = [...load];
  for (const f of flags.scenario ?? []) podArgs.push('--scenario', podPath(f));
  if (flags.bodyFile !== undefined) podArgs.push('--body-file', podPath(flags.bodyFile));
  if (configFile) podArgs.push('--config', podPath(configFile));
  const size = files.reduce((a, f) => a + Buffer.byteLength(f.content), 0);
  if (size > CONFIGMAP_MAX) throw new UsageError(`the files for the ConfigMap add up to ${size} bytes; a ConfigMap holds at most 1 MiB`, { where: '--scenario', hint: 'bake large scenario files and data into the image instead' });
  const image = flags.image ?? `gonogo:${PACKAGE.version}`;
  const docs = jobManifests({ name, namespace: flags.namespace, parallelism, image, cpu: flags.cpu ?? '1', memory: flags.memory ?? '512Mi', loadArgs: podArgs, files, ttlSeconds });
  const yaml = manifestsYaml(docs, `gonogo k8s job: ${parallelism} pods, each one execution segment of \`gonogo load ${load.join(' ')}\``);
  if (flags.out && flags.out !== '-') {
    try {
      await writeFile(flags.out, yaml);
    } catch (err) {
      throw new GonogoError('GONOGO_OUTPUT_WRITE', `cannot write ${flags.out}: ${(err as Error).message}`, { where: flags.out });
    }
    const ns = flags.namespace ? ` -n ${flags.namespace}` : '';
    process.stderr.write(`wrote ${flags.out}: ConfigMap ${name}-config and Indexed Job ${name} (${parallelism} pods)\nnext: kubectl apply${ns} -f ${flags.out} && kubectl wait${ns} --for=condition=complete job/${name} --timeout=1h && gonogo k8s collect ${name}${ns ? ` --namespace ${flags.namespace}` : ''}\n`);
  } else process.stdout.write(yaml);
  return ExitCode.Ok;
}

/** Inside a pod: segment JOB_COMPLETION_INDEX of --segments, then the framed result on stdout. */
export async function runK8sPod(flags: { segments: string; argsFile: string }): Promise<number> {
  const n = Number(flags.segments);
  const index = Number(process.env.JOB_COMPLETION_INDEX);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--segments must be a whole number of at least 1, got "${flags.segments}"`, { where: '--segments' });
  if (!Number.isInteger(index) || index < 0 || index >= n) throw new UsageError(`JOB_COMPLETION_INDEX is "${process.env.JOB_COMPLETION_INDEX ?? ''}", expected 0..${n - 1}`, { where: 'JOB_COMPLETION_INDEX', hint: 'run this in a Job with completionMode: Indexed (gonogo k8s job writes one)' });
  let args: unknown;
  try {
    args = JSON.parse(await readFile(flags.argsFile, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read the load arguments from ${flags.argsFile}: ${(err as Error).message}`, { where: '--args-file' });
  }
  if (!Array.isArray(args) || !args.every((a) => typeof a === 'string')) throw new UsageError(`${flags.argsFile} is not a JSON list of strings`, { where: '--args-file' });
  const out = path.join(tmpdir(), `gonogo-segment-${index}-${process.pid}.json`);
  const parsed = await parseLoadArgs([...args, ...segmentFlags(index, n), '--out', out, '--quiet']);
  const { runLoadCommand } = await import('./load-action.js');
  const code = await runLoadCommand(parsed.url, parsed.flags, parsed.config);
  let json: string;
  try {
    json = await readFile(out, 'utf8');
  } catch {
    return code === ExitCode.Ok ? ExitCode.Internal : code;
  }
  process.stdout.write(frameResult(json, segmentFlags(index, n)[1]!));
  // Thresholds are judged on the merged run: a segment that measured is a pod that succeeded, so the Job does not stop the others.
  return ExitCode.Ok;
}

/** `gonogo k8s collect`: every pod's framed result, merged; exit as `gonogo merge`. */
export async function runK8sCollect(job: string, flags: K8sCollectFlags): Promise<number> {
  const startedAt = new Date();
  const logs = flags.fromDir !== undefined ? await logsFromDir(flags.fromDir) : await logsFromKubectl(job, flags.namespace);
  const results: SourcedResult[] = [];
  for (const { source, text } of logs) {
    const found = unframeResults(source, text);
    if (found.length === 0) throw mergeInputError(source, 'holds no framed gonogo result: that pod failed or is still running (read its log)', `kubectl logs ${source.replace(/^.*\//, '')}`);
    results.push(...found);
  }
  if (results.length === 0) throw mergeInputError(flags.fromDir ?? `job/${job}`, 'no pod logs found', flags.fromDir ? 'save one log file per pod into the folder' : 'check the Job name and --namespace');
  const thresholds: ThresholdSource[] = (flags.threshold ?? []).map((t, i) => ({ input: t, where: `--threshold #${i + 1}` }));
  return printMerged(mergeResults(results, thresholds), flags, startedAt);
}

async function logsFromDir(dir: string): Promise<{ source: string; text: string }[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (err) {
    throw new UsageError(`cannot read the folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { where: '--from-dir' });
  }
  const out: { source: string; text: string }[] = [];
  for (const n of names) {
    const f = path.join(dir, n);
    if (!(await stat(f)).isFile()) continue;
    out.push({ source: f, text: await readFile(f, 'utf8') });
  }
  return out;
}

async function logsFromKubectl(job: string, namespace: string | undefined): Promise<{ source: string; text: string }[]> {
  const ns = namespace ? ['--namespace', namespace] : [];
  const kubectl = async (args: string[]) => {
    try {
      return (await run('kubectl', [...ns, ...args], { maxBuffer: 512 * 1024 * 1024 })).stdout;
    } catch (err) {
      const e = err as NodeJS.ErrnoException & { stderr?: string };
      if (e.code === 'ENOENT') throw new UsageError('kubectl is not installed or not on PATH', { where: 'gonogo k8s collect', hint: 'install kubectl, or save the pod logs into a folder and use --from-dir' });
      throw new UsageError(`kubectl ${args.join(' ')} failed: ${(e.stderr ?? e.message).trim()}`, { where: 'gonogo k8s collect', hint: 'check the Job name, --namespace and your kubectl context' });
    }
  };
  const pods = (await kubectl(['get', 'pods', '-l', `job-name=${job}`, '-o', 'name'])).split('\n').map((s) => s.trim()).filter(Boolean);
  const out: { source: string; text: string }[] = [];
  for (const p of pods) out.push({ source: p, text: await kubectl(['logs', p]) });
  return out;
}
