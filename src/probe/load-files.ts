import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import type { ProbeConfig, ProbeEndpoint } from '../core/config/probe-section.js';
import { ConfigError } from '../core/errors.js';
import { operationsFromOpenApi, protectedFromOpenApi, type OpenApiOperation } from './openapi.js';

/** Read the files the probe section names (CA certificate, OpenAPI document), relative to the config's folder. */
export async function loadProbeFiles(config: ProbeConfig | undefined, root: string): Promise<{ ca?: string; openapiEndpoints: ProbeEndpoint[]; openapiOperations: OpenApiOperation[] }> {
  const read = async (rel: string, where: string) => {
    try {
      return await readFile(path.resolve(root, rel), 'utf8');
    } catch (err) {
      throw new ConfigError('GONOGO_CONFIG_INVALID', `cannot read ${rel}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { where, hint: 'paths in the probe section are relative to the config file' });
    }
  };
  const ca = config?.tls?.ca ? await read(config.tls.ca, 'probe.tls.ca') : undefined;
  let openapiEndpoints: ProbeEndpoint[] = [];
  let openapiOperations: OpenApiOperation[] = [];
  if (config?.openapi) {
    const text = await read(config.openapi, 'probe.openapi');
    let doc: unknown;
    try {
      doc = parse(text);
    } catch (err) {
      throw new ConfigError('GONOGO_CONFIG_INVALID', `${config.openapi} is not valid YAML or JSON: ${(err as Error).message.split('\n')[0]}`, { where: 'probe.openapi' });
    }
    openapiEndpoints = protectedFromOpenApi(doc);
    openapiOperations = operationsFromOpenApi(doc);
  }
  return { ca, openapiEndpoints, openapiOperations };
}
