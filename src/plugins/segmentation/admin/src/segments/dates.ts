/** Calendar dates of the builder's date pickers: `Date` (local noon) <-> `YYYY-MM-DD`. */
export const toIso = (d: Date | undefined | null) =>
  d ? `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}` : undefined;
export const fromIso = (s: unknown) => (typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T12:00:00`) : undefined);
