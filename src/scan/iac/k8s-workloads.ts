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
  // OpenShift's DeploymentConfig: its pod template may list no containers yet (a kustomize base) and still set hostNetwork.
  DeploymentConfig: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/**
 * Where custom resources that run pods keep the pod spec (Knative Service/Configuration/Revision, Argo Rollouts,
 * OpenKruise CloneSets, ...): they embed the core shapes, so an unknown kind is read at the first of these paths that
 * holds a list of containers.
 */
const EMBEDDED_POD_SPEC: readonly YamlPath[] = [['spec', 'template', 'spec'], ['spec', 'jobTemplate', 'spec', 'template', 'spec'], ['spec']];

const at = (v: Obj, path: YamlPath): any => path.reduce((o: any, k) => o?.[k], v);

export function workloadOf(doc: YamlDoc): Workload | undefined {
  const v = doc.value as Obj | null;
  if (!v || typeof v !== 'object' || typeof v.kind !== 'string') return undefined;
  const podPath = POD_SPEC[v.kind] ?? EMBEDDED_POD_SPEC.find((p) => Array.isArray(at(v, p)?.containers));
  if (!podPath) return undefined;
  const pod = at(v, podPath);
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
