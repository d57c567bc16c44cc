/**
 * The envelope of evaluation requests (docs/api.md, "Evaluation"). The definition itself is
 * validated by the shared schema (shape) and the engine (keys); its problems keep paths relative
 * to the definition, as in docs/segment-definitions.md (`["groups", 1, "filters", 0, ...]`).
 */
import { z } from 'zod';
import { parseIsoDate } from '../common/dates';
import type { Problem } from '../common/errors';
import { problemsOf as problemsOfIssues } from '../../../shared/definition';

export const isoDate = z.string().refine((s) => parseIsoDate(s) !== null, { message: 'Expected a date YYYY-MM-DD that exists' });
export const intFrom = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v),
    z.number().int(`Expected a whole number`).min(min, `Must be at least ${min}`).max(max, `Must be at most ${max}`),
  );

export const evaluateBody = z.strictObject({
  definition: z.unknown(),
  asOf: isoDate.optional(),
  page: intFrom(1, Number.MAX_SAFE_INTEGER).optional(),
  pageSize: intFrom(1, 500).optional(),
});

export const savedQuery = z.strictObject({
  asOf: isoDate.optional(),
  page: intFrom(1, Number.MAX_SAFE_INTEGER).optional(),
  pageSize: intFrom(1, 500).optional(),
});

export type EvaluateBody = z.infer<typeof evaluateBody>;

/** zod issues as problems (one per unknown key), the same way as for definitions. */
export const problemsOf = (error: z.ZodError): Problem[] => problemsOfIssues(error.issues);
