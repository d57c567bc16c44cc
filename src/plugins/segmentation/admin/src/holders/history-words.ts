/** What happened to one mail of a holder's contact history, as translation ids: its status, each flag set, then "gereed". */
import type { HistoryItem } from './types';

const FLAGS = ['delivered', 'opened', 'clicked', 'bounced', 'unsubscribed', 'complained'] as const;

export function outcomeWords(item: HistoryItem): string[] {
  const words = [`holders.status.${item.status}`, ...FLAGS.filter((f) => item[f]).map((f) => `holders.flag.${f}`)];
  return item.mailing.done ? [...words, 'holders.flag.done'] : words;
}
