import { readFileSync } from 'node:fs';

/** name and version from our own package.json (two levels up from src/core or dist/core). */
export const PACKAGE = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
