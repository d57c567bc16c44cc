/** Numbers, percentages and dates as the Dutch-speaking staff read them (1.234; 12,5%). */
export const LOCALE = 'nl-BE';

export const fmtNumber = (n: number | null | undefined) => (n == null ? '—' : n.toLocaleString(LOCALE));
/** As the programme's guide writes them: two decimals at most, so a small rate never reads 0 (0,05%). */
export const fmtPct = (p: number | null | undefined) => (p == null ? '—' : `${p.toLocaleString(LOCALE, { maximumFractionDigits: 2 })}%`);
export const fmtDate = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString(LOCALE, { dateStyle: 'short', timeStyle: 'short' }) : '—');

/** "1 u 05 min", "3 min 20 s", "45 s". */
export function fmtDuration(seconds: number | null | undefined): string {
  if (seconds == null) return '—';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h} u ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${s} s`;
}

/** The digits of what someone typed ("1.234" and "1234" are the same number). */
export const digitsOf = (text: string) => text.replace(/\D/g, '');
