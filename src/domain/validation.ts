import type { z } from 'zod';

/** A validation problem in catalogue terms: the UI translates `key` with `params`. */
export interface Problem {
  path: string;
  key: string;
  params?: Record<string, string | number>;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** Our schemas name catalogue keys (`v.*`) as messages; zod's own issues are mapped here. */
export function problemsOf(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    // A missing value is "needed" whatever message the field's format check carries.
    if (issue.code === 'invalid_type' && issue.input === undefined) return { path, key: 'v.required' };
    if (issue.message.startsWith('v.')) return withLimits(path, issue.message, issue);
    switch (issue.code) {
      case 'invalid_type':
        return { path, key: 'v.invalidType' };
      case 'too_small':
        return withLimits(path, issue.origin === 'string' ? 'v.required' : 'v.tooSmall', issue);
      case 'too_big':
        return withLimits(path, issue.origin === 'string' ? 'v.tooLong' : 'v.tooBig', issue);
      case 'invalid_value':
        return { path, key: 'v.choose' };
      case 'invalid_format':
        return { path, key: 'v.format' };
      default:
        return { path, key: 'v.invalid' };
    }
  });
}

function withLimits(path: string, key: string, issue: z.core.$ZodIssue): Problem {
  if (issue.code === 'too_small') return { path, key, params: { min: Number(issue.minimum) } };
  if (issue.code === 'too_big') return { path, key, params: { max: Number(issue.maximum) } };
  return { path, key };
}

export function check<S extends z.ZodType>(schema: S, input: unknown): Checked<z.infer<S>> {
  // reportInput: to tell a missing value from a wrong one (zod 4 leaves input out by default).
  const result = schema.safeParse(input, { reportInput: true });
  return result.success ? { ok: true, value: result.data } : { ok: false, problems: problemsOf(result.error) };
}
