import path from 'node:path';

export type IacKind = 'dockerfile' | 'compose' | 'k8s';

const DOCKERFILE = /^(?:Dockerfile|Containerfile)(?:[.-].*)?$|\.(?:dockerfile|containerfile)$/i;
const COMPOSE = /^(?:docker-)?compose(?:[.-].*)?\.ya?ml$/i;
const YAML = /\.ya?ml$/i;

/** Which IaC file this is, by name first and then by content; undefined for anything else. */
export function detectByName(rel: string): IacKind | 'yaml' | undefined {
  const base = path.posix.basename(rel);
  if (DOCKERFILE.test(base)) return 'dockerfile';
  if (COMPOSE.test(base)) return 'compose';
  if (YAML.test(base)) return 'yaml';
  return undefined;
}

/** A YAML file is a Kubernetes manifest when a document has top-level apiVersion and kind; compose when it has services. */
export function detectYaml(text: string): IacKind | undefined {
  if (/^apiVersion\s*:/m.test(text) && /^kind\s*:/m.test(text)) return 'k8s';
  if (/^services\s*:/m.test(text) && /^\s+(?:image|build)\s*:/m.test(text)) return 'compose';
  return undefined;
}
