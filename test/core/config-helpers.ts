import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { GonogoError } from '../../src/core/errors.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/config/', import.meta.url));

const made: string[] = [];

/** A fresh directory under the OS temp dir holding `files` (path -> content); removed by cleanTemp(). */
export async function tempDir(files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gonogo-config-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

/** A copy of test/fixtures/config/<name> in a temp dir, so loaders never write into the repository. */
export async function fixtureCopy(name: string): Promise<string> {
  const dir = await tempDir();
  await cp(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

export async function cleanTemp(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

/** Await `p`, expecting a GonogoError; returns it for closer checks. */
export async function rejection(p: Promise<unknown>): Promise<GonogoError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(GonogoError);
  return err as GonogoError;
}

export function thrown(fn: () => unknown): GonogoError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(GonogoError);
    return err as GonogoError;
  }
  throw new Error('expected a throw');
}
