#!/usr/bin/env node
import { CommanderError } from 'commander';
import { PACKAGE } from '../core/package-info.js';
import { ExitCode } from '../core/exit-codes.js';
import { GonogoError, formatError } from '../core/errors.js';
import { programFor } from './commands.js';

/** The only place that calls process.exit (DESIGN.md): commands report an exit code. */
async function main(argv: string[]): Promise<number> {
  let code: number = ExitCode.Ok;
  try {
    const program = await programFor(argv, (c) => {
      code = c;
    });
    await program.parseAsync(argv);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here too, with exitCode 0; commander already printed its message.
      return err.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    if (err instanceof GonogoError) {
      process.stderr.write(formatError(err) + '\n');
      return err.exitCode;
    }
    const e = err instanceof Error ? err : new Error(String(err));
    process.stderr.write(`error[GONOGO_INTERNAL]: ${e.message}\n  This is a bug in gonogo ${PACKAGE.version}. Please report it with the command you ran.\n`);
    if (process.env.GONOGO_DEBUG) process.stderr.write(`${e.stack}\n`);
    else process.stderr.write('  Set GONOGO_DEBUG=1 to print the stack trace.\n');
    return ExitCode.Internal;
  }
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
    // Sockets or timers left by a failed run must not keep the process alive.
    setTimeout(() => process.exit(code), 200).unref();
  },
  () => process.exit(ExitCode.Internal),
);
