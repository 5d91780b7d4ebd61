import type { z } from 'zod';
import { didYouMean } from '../did-you-mean.js';
import { describeValue, formatPath, valueAt, type ConfigPath, type Problem } from './problems.js';

type Issue = z.core.$ZodIssue;

const TYPE_NAMES: Record<string, string> = {
  string: 'a string', number: 'a number', int: 'an integer', boolean: 'true or false',
  object: 'a mapping', record: 'a mapping', array: 'a list',
};

/**
 * Error map passed to every safeParse: plain "expected ..." wording for the generic cases.
 * Schemas that need a more specific message set their own `error`, which takes precedence.
 */
export const zodMessages: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type':
      return `expected ${TYPE_NAMES[iss.expected] ?? iss.expected}`;
    case 'invalid_value':
      return iss.values.length === 1 ? `expected ${JSON.stringify(iss.values[0])}` : `expected one of ${iss.values.join(', ')}`;
    case 'too_small':
      return iss.origin === 'string' ? 'expected a non-empty string' : `expected a number ${iss.inclusive ? '>=' : '>'} ${String(iss.minimum)}`;
    case 'too_big':
      return `expected a number ${iss.inclusive ? '<=' : '<'} ${String(iss.maximum)}`;
    case 'unrecognized_keys':
      return 'unknown key';
    case 'invalid_union': {
      // "expected a string or a mapping" from each branch's own top-level message.
      const wanted = [...new Set(iss.errors.flatMap((branch) => branch.filter((i) => i.path.length === 0).map((i) => i.message.replace(/^expected /, ''))))];
      return wanted.length > 0 ? `expected ${wanted.join(' or ')}` : undefined;
    }
    default:
      return undefined;
  }
};

/** Codes whose message describes the value itself, so "got <value>" is worth adding. */
const VALUE_CODES = new Set(['invalid_type', 'invalid_value', 'too_small', 'too_big', 'invalid_format', 'not_multiple_of', 'invalid_union', 'custom']);

/**
 * Turn zod issues into problems, one per unknown key, with "did you mean" from the schema's known keys,
 * and unions narrowed to the one branch the value was evidently meant for.
 */
export function issuesToProblems(issues: readonly Issue[], raw: unknown, schema: z.ZodType, base: ConfigPath = []): Problem[] {
  const out: Problem[] = [];
  for (const iss of issues) {
    const path: ConfigPath = [...base, ...(iss.path as (string | number)[])];
    if (iss.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, path);
      for (const key of iss.keys) {
        const guess = didYouMean(key, known);
        const help = guess ? `did you mean "${guess}"?` : known.length > 0 ? `expected one of ${known.join(', ')}` : '';
        out.push({ path: [...path, key], message: help ? `unknown key (${help})` : 'unknown key' });
      }
    } else if (iss.code === 'invalid_union' && chosenBranch(iss.errors) !== undefined) {
      out.push(...issuesToProblems(chosenBranch(iss.errors)!, raw, schema, path));
    } else if (iss.code === 'invalid_key') {
      out.push({ path, message: iss.issues[0]?.message ?? iss.message });
    } else {
      const value = valueAt(raw, path);
      const got = VALUE_CODES.has(iss.code) ? `, got ${describeValue(value)}` : '';
      const guess = iss.code === 'invalid_value' && typeof value === 'string' ? didYouMean(value, iss.values.map(String)) : undefined;
      out.push({ path, message: iss.message + got + (guess ? ` (did you mean "${guess}"?)` : '') });
    }
  }
  return out;
}

/**
 * When exactly one branch got far enough to find problems inside the value (a typo in a threshold object,
 * a bad list item), the user meant that branch: report those rather than "matches no option". A value
 * wrong as a whole (`workers: 0`) gets the union's own message, which names every accepted form.
 */
function chosenBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] | undefined {
  const meant = branches.filter((b) => b.some((i) => i.path.length > 0 || i.code === 'unrecognized_keys'));
  return meant.length === 1 ? meant[0] : undefined;
}

interface AnyDef {
  type: string;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  options?: z.core.$ZodType[];
  shape?: Record<string, z.core.$ZodType>;
  element?: z.core.$ZodType;
  valueType?: z.core.$ZodType;
}

/** Keys the schema allows for the object at `path` (walking optionals, pipes, unions, arrays and records). */
export function knownKeysAt(schema: z.core.$ZodType, path: ConfigPath): string[] {
  const keys = new Set<string>();
  const visit = (s: z.core.$ZodType | undefined, i: number): void => {
    if (!s) return;
    const def = s._zod.def as unknown as AnyDef;
    const seg = path[i];
    if (def.innerType) return visit(def.innerType, i);
    if (def.type === 'pipe') return visit(def.in, i);
    if (def.type === 'union') return def.options?.forEach((o) => visit(o, i));
    if (def.type === 'object' && def.shape) {
      if (i === path.length) Object.keys(def.shape).forEach((k) => keys.add(k));
      else if (typeof seg === 'string') visit(def.shape[seg], i + 1);
    } else if (def.type === 'array' && typeof seg === 'number') visit(def.element, i + 1);
    else if (def.type === 'record' && i < path.length) visit(def.valueType, i + 1);
  };
  visit(schema, 0);
  return [...keys];
}

/** `gonogo.config.yaml:3:3 load.conections: unknown key (did you mean "connections"?)` */
export function formatProblem(p: Problem, position: string | undefined): string {
  return `${position ? `${position} ` : ''}${formatPath(p.path)}: ${p.message}`;
}
