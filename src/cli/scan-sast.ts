import type { Command } from 'commander';

/** `gonogo scan sast [path]`. Placeholder until the sast scanner lands; it owns this file. */
export function registerScanSast(_scan: Command, _setCode: (c: number) => void): void {}
