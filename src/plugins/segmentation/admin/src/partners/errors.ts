/** A failed call as a message for people: a clear word for rate limits (429), else the server's. */
import { problemOf } from '../templates/errors';

export const isRateLimited = (error: unknown) => problemOf(error).status === 429;

export function messageOf(error: unknown, t: (id: string) => string, fallback?: string): string {
  const problem = problemOf(error);
  if (problem.status === 429) return t('partners.rateLimited');
  return problem.message === 'Error' && fallback ? fallback : problem.message;
}
