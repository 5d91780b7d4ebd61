import type { Command } from 'commander';
import { programSpec } from './command-spec.js';

/** The example scenarios are written for real profiles (minutes); the demo runs them at a fraction. */
const DEMO_DEFAULT_SCALE = 0.2;

export function registerDemo(program: Command, setCode: (c: number) => void): void {
  program
    .command('demo')
    .description('Start the bundled reference service on loopback, run the whole gate against it, print the verdict and the report path')
    .option('--out <dir>', 'write the reports into this folder (default: .gonogo/runs/<timestamp>/)')
    .option('--scale <factor>', `shrink the example profiles (default ${DEMO_DEFAULT_SCALE})`)
    .option('--database-url <url>', 'run the reference service on this Postgres server (postgres://...) instead of PGlite')
    .option('-q, --quiet', 'no progress lines on stderr')
    .action(async (flags: { out?: string; scale?: string; quiet?: boolean; databaseUrl?: string }, cmd: Command) => {
      const { runDemo } = await import('./demo-action.js');
      setCode(await runDemo({ ...flags, scale: flags.scale ?? String(DEMO_DEFAULT_SCALE) }, programSpec(cmd)));
    });
}
