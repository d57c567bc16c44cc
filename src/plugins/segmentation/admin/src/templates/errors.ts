/** Strapi's error shape (`error.details.errors[]` with a path) as messages per form field. */
import { useIntl } from 'react-intl';
import { useT } from '../utils/useT';

export type FieldErrors = Record<string, string>;

/** One problem as the server sent it; `code` and `params` (when there) let the admin word it in the user's language. */
export interface ProblemItem {
  path: (string | number)[];
  message: string;
  code?: string;
  params?: Record<string, string | number>;
}

export interface ApiProblem {
  status: number | null;
  message: string;
  fields: FieldErrors;
  items: ProblemItem[];
  /** When a refused (429) call may be tried again, if the server said so (ISO time). */
  retryAt: string | null;
}

interface ErrorLike {
  name?: string;
  message?: string;
  status?: number;
  response?: {
    data?: {
      error?: {
        status?: number;
        message?: string;
        details?: { errors?: Partial<ProblemItem>[]; retryAt?: string };
      };
    };
  };
}

/** The status, message and per-field messages (keyed by the first path segment) of a failed call. */
export function problemOf(error: unknown): ApiProblem {
  const e = (error ?? {}) as ErrorLike;
  const body = e.response?.data?.error;
  const fields: FieldErrors = {};
  const items: ProblemItem[] = [];
  for (const item of body?.details?.errors ?? []) {
    const key = String(item.path?.[0] ?? '');
    if (!key || !item.message) continue;
    fields[key] = fields[key] ? `${fields[key]}; ${item.message}` : item.message;
    items.push({ path: item.path ?? [], message: item.message, code: item.code, params: item.params });
  }
  const retryAt = typeof body?.details?.retryAt === 'string' ? body.details.retryAt : null;
  return { status: body?.status ?? e.status ?? null, message: body?.message ?? e.message ?? 'Error', fields, items, retryAt };
}

/**
 * A failed call's message for the user: a rate limit (429) in the user's language with the time to
 * try again (`<key>` with {time}, or `<key>Later` when the server gave none); else the server's message.
 */
export function useProblemText() {
  const t = useT();
  const { formatTime } = useIntl();
  return (problem: ApiProblem, key: string): string => {
    if (problem.status !== 429) return problem.message;
    return problem.retryAt ? t(key, { time: formatTime(problem.retryAt, { hour: '2-digit', minute: '2-digit' }) }) : t(`${key}Later`);
  };
}

export const isAbort = (error: unknown, signal?: AbortSignal) => Boolean(signal?.aborted) || (error as ErrorLike | undefined)?.name === 'AbortError';
