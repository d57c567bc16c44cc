/** Strapi's error shape for every refusal: HTTP 400 ValidationError with one entry per problem. */
import { errors } from '@strapi/utils';
import type { z } from 'zod';
import { problemsOf } from '../../../shared/definition';

export interface Problem {
  path: (string | number)[];
  message: string;
}

export function validationError(message: string, problems: Problem[]): InstanceType<typeof errors.ValidationError> {
  return new errors.ValidationError(message, {
    errors: problems.map((p) => ({ path: p.path, message: p.message, name: 'ValidationError' })),
  });
}

export function describeProblems(problems: Problem[]): string {
  const first = problems[0];
  if (!first) return 'Invalid input';
  const where = first.path.length ? `${first.path.join('.')}: ` : '';
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return `${where}${first.message}${more}`;
}

/** Parses a request part with a zod schema; refuses it with every problem and its path. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown, what = 'request'): T {
  const result = schema.safeParse(input ?? {});
  if (!result.success) {
    const problems = problemsOf(result.error.issues);
    throw validationError(`Invalid ${what}: ${describeProblems(problems)}`, problems);
  }
  return result.data;
}
