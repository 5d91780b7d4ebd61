/**
 * The budget planner: how many requests each check may send, so one hungry check (the WAF matrix)
 * cannot starve the ones after it, and what is left over flows to whoever can use it. Pure arithmetic.
 */

/** What a check needs: `min` to say anything useful, `max` to cover everything it would like to. */
export interface CheckCost {
  min: number;
  max: number;
}

/** For checks that do not say: a handful of requests. */
export const DEFAULT_COST: CheckCost = { min: 2, max: 12 };

/**
 * The share of `remaining` requests for `costs[0]`, given that `costs[1..]` run after it.
 * - everything fits: the check gets all the slack the later checks do not need at their max;
 * - it does not: every check first gets its min, then the spare requests are shared max-min fairly (water-filling):
 *   small checks are topped up to their max, the hungry ones (the WAF matrix) share what is left equally;
 * - not even the mins fit: in run order, each gets its min while requests last.
 */
export function allowance(costs: readonly CheckCost[], remaining: number): number {
  const [own, ...later] = costs;
  if (!own) return 0;
  const sum = (list: readonly CheckCost[], key: keyof CheckCost) => list.reduce((s, c) => s + c[key], 0);
  if (own.max + sum(later, 'max') <= remaining) return remaining - sum(later, 'max');
  const spare = remaining - own.min - sum(later, 'min');
  // Not even the minimums fit: first come, first served (the later checks then say the budget ran out).
  if (spare <= 0) return Math.max(0, Math.min(own.min, remaining));
  return own.min + Math.min(own.max - own.min, Math.floor(fairLevel(costs.map((c) => c.max - c.min), spare)));
}

/** The level L with sum(min(want, L)) = spare: what each check's extra is capped at. */
function fairLevel(wants: number[], spare: number): number {
  const sorted = [...wants].sort((a, b) => a - b);
  let left = spare;
  for (const [i, w] of sorted.entries()) {
    const level = left / (sorted.length - i);
    if (w >= level) return level;
    left -= w;
  }
  return Number.POSITIVE_INFINITY;
}

/** One line of the plan as it ran, for the summary: what each check was given and what it used. */
export interface PlanLine {
  check: string;
  allowance: number;
  spent: number;
  /** What the check could not cover within its share (empty when it covered everything). */
  uncovered?: string;
}
