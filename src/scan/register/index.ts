/**
 * The remediation register every scanner shares: suppressions with reason, owner and expiry;
 * priority from the risk matrix; due dates from the severity SLA; the severity gate.
 * Typical use by a scan command:
 *
 *   const outcome = applyRegister(findings, registerPolicyFromConfig(config.scan));
 *   const failed = gateFails(outcome.open, failOn);
 */
export { applyRegister, annotateMessage } from './apply.js';
export { gateFails, DEFAULT_FAIL_ON } from './gate.js';
export { RISK_MATRIX, LIKELIHOODS, priorityOf } from './risk-matrix.js';
export { dueDate, effectiveSla } from './sla.js';
export { suppressionMatches, isExpired } from './suppress.js';
export { isIsoDate, toIsoDate, addDays } from './dates.js';
export { registerPolicyFromConfig, registerEvidence } from './from-config.js';
export { DEFAULT_SLA } from './types.js';
export type { Suppression, SlaPolicy, RegisterPolicy, RegisterOutcome, SuppressedFinding, Likelihood, Priority } from './types.js';
export { readRegister, writeRegister, updateRegister, firstSeenMap, REGISTER_SCHEMA } from './store.js';
export type { RegisterEntry, RegisterFile } from './store.js';
export { openRegister, recordSightings } from './file.js';
export type { OpenRegister } from './file.js';
