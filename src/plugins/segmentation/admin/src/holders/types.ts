/** The answers of the pass-holder routes, as types (no runtime imports: the unit tests load them). */
export type { HistoryItem, HistoryPage, HolderCard, HolderMatch } from '../../../shared/holders';
