/** Strapi's error shape for every refusal: HTTP 400 ValidationError with one entry per problem (the first 100). */
import { errors } from '@strapi/utils';
import createError from 'http-errors';
import type { z } from 'zod';
import { problemsOf } from '../../../shared/definition';

export interface Problem {
  path: (string | number)[];
  message: string;
  /** A stable code the admin panel shows in the user's language (the message stays English for the API). */
  code?: string;
  /** The values the code's text needs (a variable name, a line, a maximum). */
  params?: Record<string, string | number>;
}

/** At most this many problems are listed in an answer; `details.total` then says how many there were. */
export const MAX_PROBLEMS = 100;

export function validationError(message: string, problems: Problem[]): InstanceType<typeof errors.ValidationError> {
  const listed = problems.slice(0, MAX_PROBLEMS).map((p) => ({
    path: p.path,
    message: p.message,
    name: 'ValidationError',
    ...(p.code ? { code: p.code } : {}),
    ...(p.params ? { params: p.params } : {}),
  }));
  return new errors.ValidationError(message, problems.length > MAX_PROBLEMS ? { errors: listed, total: problems.length } : { errors: listed });
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

/**
 * A 409 in Strapi's error shape (`ConflictError`, one entry per problem with its path): the request
 * is valid but conflicts with itself or with stored data. Strapi's own error classes stop at 400/403/404.
 */
export function conflictError(message: string, problems: Problem[]): createError.HttpError {
  return createError(409, message, { details: { errors: problems.map((p) => ({ path: p.path, message: p.message, name: 'ConflictError' })) } });
}
