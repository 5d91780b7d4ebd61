import { z } from 'zod';
import { durationInput, toMs, type DurationInput } from './config/fields.js';
import { UsageError } from './errors.js';
import type { InteractionStep } from './vitals.js';

/**
 * The one grammar of scripted steps (docs/vitals.md#scripted-interactions), for the config's
 * `pages.urls[i].interactions` and `gonogo vitals --step`: the CLI's text form is turned into the config's object
 * form and validated by the same schema, so both accept and refuse the same steps.
 */
const SEL = 'expected a CSS selector (e.g. "#save")';
const sel = () => z.string({ error: SEL }).min(1, { error: SEL });
export const STEP_KINDS = 'click SEL, type SEL TEXT, press KEY, waitFor SEL or wait DURATION';
export const stepSchema = z.union(
  [
    z.strictObject({ click: sel() }),
    z.strictObject({ type: sel(), text: z.string({ error: 'expected the text to type' }) }),
    z.strictObject({ press: z.string({ error: 'expected a key name (e.g. "Enter")' }).min(1) }),
    z.strictObject({ waitFor: sel() }),
    z.strictObject({ wait: durationInput({ positive: true }) }),
  ],
  { error: 'expected one step: { click: SEL }, { type: SEL, text: TEXT }, { press: KEY }, { waitFor: SEL } or { wait: DURATION }' },
);
export type StepInput = z.infer<typeof stepSchema>;
/** A validated step with its wait in milliseconds (through the one duration parser). */
export const toStep = (st: StepInput): InteractionStep => ('wait' in st ? { wait: toMs(st.wait as DurationInput) } : st);

const KINDS: Readonly<Record<string, string>> = { click: 'click', type: 'type', press: 'press', waitfor: 'waitFor', wait: 'wait' };

/** `click #go`, `type #search hello world`, `press Enter`, `waitFor #count`, `wait 200ms` -> a step; `where` names the flag. */
export function parseStepText(text: string, where: string): InteractionStep {
  const m = /^\s*(\S+)\s*(.*?)\s*$/s.exec(text);
  const kind = m ? KINDS[m[1]!.toLowerCase()] : undefined;
  const fail = (why: string): never => {
    throw new UsageError(`bad step "${text}": ${why}`, { where, hint: `a step is one of: ${STEP_KINDS} (e.g. --step "click #save")` });
  };
  if (!m || !kind) return fail(`unknown step kind "${m?.[1] ?? ''}"`);
  const rest = m[2]!;
  let input: Record<string, string>;
  if (kind === 'type') {
    const t = /^(\S+)\s+(.+)$/s.exec(rest);
    if (!t) return fail('expected a selector and the text to type');
    input = { type: t[1]!, text: t[2]! };
  } else input = { [kind]: rest };
  const parsed = stepSchema.safeParse(input);
  if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? 'invalid step');
  return toStep(parsed.data);
}
