import { z } from 'zod';
import type { ConfigSection } from './section.js';

/** `scan.image`: a container image to scan for vulnerable OS and language packages (docs/image.md). */
export const scanImageSchema = z.strictObject({
  enabled: z.boolean().optional(),
  /** The image: docker-archive or oci-archive tarball, OCI layout folder or unpacked root filesystem; relative to the config file. */
  path: z.string().min(1, { error: 'expected the path of an image tarball (docker save / oci-archive) or folder' }),
});

export interface ScanImageConfig {
  readonly enabled?: boolean;
  readonly path: string;
}

export const scanImageSection: ConfigSection<typeof scanImageSchema, ScanImageConfig> = {
  schema: scanImageSchema,
  normalise: (input) => input,
};
