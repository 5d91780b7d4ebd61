import type { Dockerfile } from 'dockerfile-ast';
import type { Severity } from '../../core/result.js';
import type { IacKind } from './detect.js';
import type { Workload } from './k8s-workloads.js';
import type { YamlDoc, YamlPath } from './yaml-doc.js';

/** Equivalent ids in the tools people already run, for docs/iac.md and SARIF readers. */
export interface IacRefs {
  readonly hadolint?: string;
  readonly trivy?: string;
  readonly kubeLinter?: string;
}

interface IacRuleBase {
  /** "iac.<kind>-<name>" */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly cwe?: string;
  readonly refs: IacRefs;
  readonly remediation: string;
  /** Whole files the rule must flag (bad) and must leave alone (good). */
  readonly samples: { readonly bad: readonly string[]; readonly good: readonly string[] };
}

export interface DockerfileRule extends IacRuleBase {
  readonly kind: 'dockerfile';
  check(df: Dockerfile, report: (line0: number, message?: string) => void, text: string): void;
}

/** Compose rules see each service; `at` is the service's path (["services", name]). */
export interface ComposeRule extends IacRuleBase {
  readonly kind: 'compose';
  check(service: Record<string, unknown>, name: string, report: (path: YamlPath, message?: string) => void, doc: YamlDoc): void;
}

export interface K8sRule extends IacRuleBase {
  readonly kind: 'k8s';
  check(w: Workload, report: (path: YamlPath, message?: string) => void): void;
}

/** Rules on any Kubernetes object (Service, Ingress, ...), not only those that run containers: custom rules. */
export interface K8sObjectRule extends IacRuleBase {
  readonly kind: 'k8s-object';
  check(doc: YamlDoc, objectKind: string, report: (path: YamlPath, message?: string) => void): void;
}

export type IacRule = DockerfileRule | ComposeRule | K8sRule | K8sObjectRule;
export type { IacKind };
