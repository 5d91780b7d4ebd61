import type { GonogoConfig } from '../../core/config/schema.js';

/** True when the load profile in use ends with the capacity search (`profiles.NAME.breakingPoint: true`; docs/capacity.md#after-a-profile). */
export function profileWantsBreakingPoint(config: GonogoConfig | undefined, profile = config?.load?.profile): boolean {
  return profile !== undefined && config?.profiles?.[profile]?.breakingPoint === true;
}
