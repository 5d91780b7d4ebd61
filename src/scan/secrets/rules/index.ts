import type { SecretRule } from '../rule.js';
import { aiRules } from './ai.js';
import { cloudRules } from './cloud.js';
import { codeHostRules } from './code-hosts.js';
import { genericRules } from './generic.js';
import { keyRules } from './keys.js';
import { messagingRules } from './messaging.js';
import { observabilityRules } from './observability.js';
import { paymentRules } from './payments.js';
import { registryRules } from './registries.js';
import { saasRules } from './saas.js';
import { urlRules } from './urls.js';

/**
 * Every rule, vendor-specific first: when two rules match the same text, the earlier one wins, so a GitHub token
 * assigned to API_KEY is reported as a GitHub token, not as a generic key.
 */
export const SECRET_RULES: readonly SecretRule[] = Object.freeze([
  ...keyRules,
  ...cloudRules,
  ...codeHostRules,
  ...paymentRules,
  ...messagingRules,
  ...registryRules,
  ...aiRules,
  ...observabilityRules,
  ...saasRules,
  ...urlRules,
  ...genericRules,
]);
