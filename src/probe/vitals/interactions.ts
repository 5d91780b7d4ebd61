import type { Page } from 'playwright-core';
import { stepLabel, type InteractionStep } from '../../core/vitals.js';

/** A user step that failed: the run is recorded with this step named, the measurement goes on. */
export class StepFailed extends Error {
  constructor(readonly step: string, cause: unknown) {
    super(`${step}: ${(cause instanceof Error ? cause.message : String(cause)).split('\n')[0]!.slice(0, 200)}`);
  }
}

async function runStep(page: Page, step: InteractionStep, timeout: number): Promise<void> {
  if ('click' in step) await page.locator(step.click).first().click({ timeout, noWaitAfter: true });
  else if ('type' in step) await page.locator(step.type).first().pressSequentially(step.text, { timeout });
  else if ('press' in step) await page.keyboard.press(step.press);
  else if ('waitFor' in step) await page.locator(step.waitFor).first().waitFor({ state: 'visible', timeout });
  else await page.waitForTimeout(Math.min(step.wait, timeout));
}

/** Run the user's steps in order, each bounded by the page timeout; returns their labels. */
export async function runSteps(page: Page, steps: readonly InteractionStep[], timeoutMs: number): Promise<string[]> {
  const done: string[] = [];
  for (const [i, step] of steps.entries()) {
    const label = stepLabel(step);
    try {
      await runStep(page, step, timeoutMs);
    } catch (e) {
      throw new StepFailed(`#${i + 1} ${label}`, e);
    }
    done.push(label);
  }
  return done;
}
