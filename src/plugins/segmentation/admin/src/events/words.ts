/** A translation with a fallback: the server may send a `what` or a status the admin has no text for yet. */
type T = (id: string, values?: Record<string, string | number>) => string;

export function wordOr(t: T, id: string, fallback: string, values?: Record<string, string | number>): string {
  const text = t(id, values);
  return text === id ? fallback : text;
}
