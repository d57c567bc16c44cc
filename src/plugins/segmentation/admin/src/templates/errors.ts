/** Strapi's error shape (`error.details.errors[]` with a path) as messages per form field. */

export type FieldErrors = Record<string, string>;

export interface ApiProblem {
  status: number | null;
  message: string;
  fields: FieldErrors;
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
        details?: { errors?: { path?: (string | number)[]; message?: string }[] };
      };
    };
  };
}

/** The status, message and per-field messages (keyed by the first path segment) of a failed call. */
export function problemOf(error: unknown): ApiProblem {
  const e = (error ?? {}) as ErrorLike;
  const body = e.response?.data?.error;
  const fields: FieldErrors = {};
  for (const item of body?.details?.errors ?? []) {
    const key = String(item.path?.[0] ?? '');
    if (!key || !item.message) continue;
    fields[key] = fields[key] ? `${fields[key]}; ${item.message}` : item.message;
  }
  return { status: body?.status ?? e.status ?? null, message: body?.message ?? e.message ?? 'Error', fields };
}

export const isAbort = (error: unknown, signal?: AbortSignal) =>
  Boolean(signal?.aborted) || (error as ErrorLike | undefined)?.name === 'AbortError';
