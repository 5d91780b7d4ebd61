import { stringify } from 'yaml';

/** Where the ConfigMap is mounted in every pod: scenario files, the config and the load arguments. */
export const CONFIG_DIR = '/etc/gonogo';
export const ARGS_KEY = 'args.json';

export interface JobSpec {
  /** DNS-1123 name of the Job; the ConfigMap is "<name>-config". */
  name: string;
  namespace?: string;
  /** Pods = execution segments (equal shares of one sequence). */
  parallelism: number;
  image: string;
  cpu: string;
  memory: string;
  /** `gonogo load` arguments every pod runs (file paths already point into CONFIG_DIR). */
  loadArgs: string[];
  /** ConfigMap entries (scenario files and their imports, feeder files, the config, a body file) and their path under the mount. */
  files: { key: string; path: string; content: string }[];
  /** Seconds a finished Job (and the pods whose logs `k8s collect` reads) is kept. */
  ttlSeconds: number;
}

const NAME = /^[a-z0-9]([-a-z0-9]{0,50}[a-z0-9])?$/;

export function validJobName(name: string): boolean {
  return NAME.test(name);
}

/**
 * A ConfigMap and an Indexed Job (completionMode: Indexed): Kubernetes gives pod i the variable
 * JOB_COMPLETION_INDEX=i, and `gonogo k8s pod` turns it into execution segment i/N:(i+1)/N of the
 * sequence 0,1/N,...,1, so the pods split the run exactly. Hardened so `gonogo scan iac` finds nothing:
 * non-root, no privilege escalation, read-only root, no capabilities, RuntimeDefault seccomp, no
 * service-account token, requests and limits.
 */
export function jobManifests(s: JobSpec): object[] {
  const labels = { 'app.kubernetes.io/name': 'gonogo', 'app.kubernetes.io/component': 'load-segment', 'app.kubernetes.io/instance': s.name };
  const meta = (name: string) => ({ name, ...(s.namespace ? { namespace: s.namespace } : {}), labels });
  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta(`${s.name}-config`),
    data: Object.fromEntries([[ARGS_KEY, JSON.stringify(s.loadArgs)], ...s.files.map((f) => [f.key, f.content])]),
  };
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta(s.name),
    spec: {
      completionMode: 'Indexed',
      completions: s.parallelism,
      parallelism: s.parallelism,
      // A pod that fails is not retried: a rerun segment would count its share twice in a naive merge.
      backoffLimit: 0,
      ttlSecondsAfterFinished: s.ttlSeconds,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: 'gonogo',
              image: s.image,
              imagePullPolicy: 'IfNotPresent',
              args: ['k8s', 'pod', '--segments', String(s.parallelism), '--args-file', `${CONFIG_DIR}/${ARGS_KEY}`],
              env: [{ name: 'NO_COLOR', value: '1' }],
              resources: { requests: { cpu: s.cpu, memory: s.memory }, limits: { cpu: s.cpu, memory: s.memory } },
              securityContext: { runAsNonRoot: true, privileged: false, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
              volumeMounts: [
                { name: 'config', mountPath: CONFIG_DIR, readOnly: true },
                // Scenario files are compiled to a temporary folder; the root filesystem stays read-only.
                { name: 'tmp', mountPath: '/tmp' },
              ],
            },
          ],
          volumes: [
            // items: keys cannot hold '/', so each file is projected to its path in the original layout.
            { name: 'config', configMap: { name: `${s.name}-config`, items: [{ key: ARGS_KEY, path: ARGS_KEY }, ...s.files.map((f) => ({ key: f.key, path: f.path }))] } },
            { name: 'tmp', emptyDir: { sizeLimit: '256Mi' } },
          ],
        },
      },
    },
  };
  return [configMap, job];
}

export function manifestsYaml(docs: readonly object[], header: string): string {
  return `# ${header}\n` + docs.map((d) => stringify(d, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
}

/** Segment i of n equal segments, and their sequence, as `gonogo load` flags. */
export function segmentFlags(index: number, n: number): string[] {
  const pt = (k: number) => (k === 0 ? '0' : k === n ? '1' : `${k}/${n}`);
  return ['--execution-segment', `${pt(index)}:${pt(index + 1)}`, '--execution-segment-sequence', Array.from({ length: n + 1 }, (_, k) => pt(k)).join(',')];
}
