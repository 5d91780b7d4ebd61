/**
 * Offline checks of Grafana files against what Grafana itself publishes, for tests:
 * - dashboards: type-checked by the TypeScript compiler against `Dashboard` of the npm package
 *   @grafana/schema (types generated from Grafana's dashboard kind), and each timeseries panel's
 *   `options` and `fieldConfig.defaults.custom` against that panel plugin's generated types;
 * - provisioning files: a JSON Schema written from the yaml tags of Grafana's own Go structs
 *   (pkg/services/provisioning/dashboards/types.go `configs`, pkg/services/provisioning/datasources/types.go
 *   `upsertDataSourceFromConfigV1`), closed, because Grafana silently ignores a key it does not know.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv } from 'ajv';
import ts from 'typescript';

const require = createRequire(import.meta.url);
export const GRAFANA_SCHEMA_VERSION = (require('@grafana/schema/package.json') as { version: string }).version;

/**
 * JSON has no enums: a string enum member is written as its value. `Json<T>` is T with every enum
 * replaced by its values, everything else (required fields, types, unknown keys) kept as Grafana typed it.
 */
const PRELUDE = `import type { Dashboard } from '@grafana/schema';
import type { Options as TimeSeriesOptions, FieldConfig as TimeSeriesFieldConfig } from '@grafana/schema/dist/esm/raw/composable/timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen';
type Json<T> = 0 extends 1 & T ? any
  : T extends string ? \`\${T}\`
  : T extends number | boolean | null | undefined ? T
  : T extends readonly (infer U)[] ? Json<U>[]
  : T extends object ? { [K in keyof T]: Json<T[K]> }
  : T;
`;

interface PanelJson { type?: unknown; options?: unknown; fieldConfig?: { defaults?: { custom?: unknown } }; panels?: PanelJson[] }

function moduleText(dashboard: unknown): string {
  const panels = ((dashboard as { panels?: PanelJson[] }).panels ?? []).flatMap((p) => [p, ...(p.panels ?? [])]);
  const timeseries = panels
    .filter((p) => p.type === 'timeseries')
    .map((p, i) => `export const panel${i}: { options: Json<TimeSeriesOptions>; custom: Json<TimeSeriesFieldConfig> } = ${JSON.stringify({ options: p.options ?? {}, custom: p.fieldConfig?.defaults?.custom ?? {} })};\n`);
  return `${PRELUDE}export const dashboard: Json<Dashboard> = ${JSON.stringify(dashboard, null, 1)};\n${timeseries.join('')}`;
}

/**
 * Type errors of each dashboard against @grafana/schema, by name ([] when it conforms). One compiler
 * program for all of them; the virtual files sit in this folder so `@grafana/schema` resolves from node_modules.
 */
export function dashboardSchemaErrors(dashboards: ReadonlyMap<string, unknown>): Map<string, string[]> {
  const dir = path.dirname(new URL(import.meta.url).pathname);
  const files = new Map([...dashboards].map(([name, json], i) => [path.join(dir, `__grafana_dashboard_${i}.ts`), { name, text: moduleText(json) }]));
  const options: ts.CompilerOptions = { strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, types: [], lib: ['lib.es2022.d.ts'] };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, lang, ...rest) => (files.has(name) ? ts.createSourceFile(name, files.get(name)!.text, lang) : getSourceFile.call(host, name, lang, ...rest));
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
  host.readFile = (name) => files.get(name)?.text ?? readFile.call(host, name);
  const program = ts.createProgram([...files.keys()], options, host);
  const out = new Map<string, string[]>([...dashboards.keys()].map((name) => [name, []]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const file = d.file ? files.get(d.file.fileName) : undefined;
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    // A problem outside the generated files (the package missing, a broken prelude) must fail every check.
    if (!file) for (const list of out.values()) list.push(`${d.file?.fileName ?? 'compiler'}: ${message}`);
    else out.get(file.name)!.push(`line ${where}: ${message}`);
  }
  return out;
}

const str = { type: 'string' };
const bool = { type: 'boolean' };
const int = { type: 'integer' };
const closed = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', properties, required, additionalProperties: false });

/** Grafana's dashboard provider file, apiVersion 1 (yaml tags of `configs` in dashboards/types.go). */
const DASHBOARD_PROVIDERS = closed(
  {
    apiVersion: { const: 1 },
    providers: {
      type: 'array',
      minItems: 1,
      items: closed(
        {
          name: str, type: { enum: ['file'] }, orgId: int, folder: str, folderUid: str, editable: bool, disableDeletion: bool, updateIntervalSeconds: int, allowUiUpdates: bool,
          // The file reader's options (dashboards/file_reader.go): path, foldersFromFilesStructure.
          options: closed({ path: { type: 'string', pattern: '^/' }, foldersFromFilesStructure: bool }, ['path']),
        },
        ['name', 'type', 'options'],
      ),
    },
  },
  ['apiVersion', 'providers'],
);

/** Grafana's data source file, apiVersion 1 (yaml tags of `upsertDataSourceFromConfigV1` in datasources/types.go). */
const DATASOURCES = closed(
  {
    apiVersion: { const: 1 },
    datasources: {
      type: 'array',
      minItems: 1,
      items: closed(
        {
          orgId: int, orgName: str, version: int, name: str, type: str, access: { enum: ['proxy', 'direct'] }, url: { type: 'string', pattern: '^https?://' }, user: str, database: str,
          basicAuth: bool, basicAuthUser: str, withCredentials: bool, isDefault: bool, correlations: { type: 'array' }, jsonData: { type: 'object' }, secureJsonData: { type: 'object' }, editable: bool, uid: { type: 'string', maxLength: 40 },
        },
        ['name', 'type'],
      ),
    },
    deleteDatasources: { type: 'array', items: closed({ orgId: int, orgName: str, name: str }, ['name']) },
  },
  ['apiVersion', 'datasources'],
);

const ajv = new Ajv({ allErrors: true, strict: true });
const validators = { dashboards: ajv.compile(DASHBOARD_PROVIDERS), datasources: ajv.compile(DATASOURCES) };

/** Errors of a parsed provisioning file of that kind ([] when Grafana's format holds it). */
export function provisioningErrors(kind: keyof typeof validators, doc: unknown): string[] {
  const validate = validators[kind];
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? `: ${String(e.params.additionalProperty)}` : ''}`);
}
