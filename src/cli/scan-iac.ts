import type { Command } from 'commander';

/** `gonogo scan iac [path]`. Placeholder until the iac scanner lands; it owns this file. */
export function registerScanIac(_scan: Command, _setCode: (c: number) => void): void {}
