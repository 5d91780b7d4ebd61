import type { YamlDoc, YamlPath } from './yaml-doc.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are free-form YAML, read field by field */
export type Obj = Record<string, any>;

export interface Container {
  readonly c: Obj;
  readonly name: string;
  readonly path: YamlPath;
  readonly init: boolean;
}

/** A Kubernetes object that runs containers, with the paths rules need for line numbers. */
export interface Workload {
  readonly doc: YamlDoc;
  readonly kind: string;
  readonly name: string;
  readonly pod: Obj;
  readonly podPath: YamlPath;
  readonly containers: Container[];
}

/** Where the pod spec sits in each workload kind. */
const POD_SPEC: Record<string, YamlPath> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

export function workloadOf(doc: YamlDoc): Workload | undefined {
  const v = doc.value as Obj | null;
  if (!v || typeof v !== 'object' || typeof v.kind !== 'string') return undefined;
  const podPath = POD_SPEC[v.kind];
  if (!podPath) return undefined;
  let pod: any = v;
  for (const k of podPath) pod = pod?.[k];
  if (!pod || typeof pod !== 'object') return undefined;
  const containers: Container[] = [];
  for (const [field, init] of [['containers', false], ['initContainers', true]] as const) {
    const list = Array.isArray(pod[field]) ? pod[field] : [];
    list.forEach((c: unknown, i: number) => {
      if (c && typeof c === 'object') containers.push({ c: c as Obj, name: String((c as Obj).name ?? `#${i}`), path: [...podPath, field, i], init });
    });
  }
  return { doc, kind: v.kind, name: String(v.metadata?.name ?? '?'), pod, podPath, containers };
}

/** Jobs and CronJobs run to completion: probes do not apply. */
export function isBatch(w: Workload): boolean {
  return w.kind === 'Job' || w.kind === 'CronJob';
}
