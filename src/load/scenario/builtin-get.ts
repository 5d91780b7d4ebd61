import { defineScenario } from './api.js';

/** What the built-in scenario sends: one request, from the CLI's URL, method, headers and body. */
export interface BuiltinRequest {
  method: string;
  path: string;
  body?: string;
}

/**
 * The scenario `--profile` and `gonogo baseline` run when no scenario file is given: each
 * iteration sends the one request the command line describes. Its request comes in `vu.data`.
 */
export default defineScenario<Record<string, never>, BuiltinRequest>({
  name: 'default',
  run: (vu) => vu.http.request(vu.data.method, vu.data.path, { body: vu.data.body }),
});
