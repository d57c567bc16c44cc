/**
 * The per-person lists of a mailing's statistics (issue 22): who opened, clicked, bounced (or was
 * blocked), complained or unsubscribed. One zod schema for the query, shared by the admin and the
 * server; the answer's types. Browser-safe.
 */
import { z } from 'zod';

export const PEOPLE_LISTS = ['opened', 'clicked', 'bounced', 'complained', 'unsubscribed'] as const;
export type PeopleList = (typeof PEOPLE_LISTS)[number];

const whole = (min: number, max: number, fallback: number) => z.coerce.number().int('Expected a whole number').min(min).max(max).default(fallback);

export const peopleQuerySchema = z
  .strictObject({
    list: z.enum(PEOPLE_LISTS),
    /** Part of the pass number (UID), a name or the address. */
    q: z.string().trim().max(320).optional(),
    /** Only who clicked this link (its template form, as the statistics' links table shows it); the clicked list only. */
    link: z.string().trim().min(1).max(2_000).optional(),
    page: whole(1, 100_000, 1),
    pageSize: whole(1, 100, 25),
  })
  .superRefine((v, ctx) => {
    if (v.link !== undefined && v.list !== 'clicked') ctx.addIssue({ code: 'custom', path: ['link'], message: 'A link filters the clicked list only' });
  });
export type PeopleQuery = z.infer<typeof peopleQuerySchema>;

/** Why a delivery is in the bounced list: a hard or soft bounce, or blocked (refused while sending, or later for policy). */
export type BounceKind = 'hard' | 'soft' | 'blocked';

export interface PersonItem {
  uid: string;
  firstName: string | null;
  lastName: string | null;
  /** The address the mail went to. */
  email: string;
  /** When it happened (ISO): the last counted open, the last click, the last bounce, the complaint, the unsubscribe. */
  at: string | null;
  /** opened: the counted opens (docs/decisions.md); clicked: all clicks; bounced: the messages that came back. */
  count: number;
  /** opened: the first counted open (ISO). */
  firstAt?: string | null;
  /** clicked: the links clicked, in their template form. */
  links?: string[];
  /** bounced: the worst that came back (hard before blocked before soft). */
  kind?: BounceKind;
  /** bounced: the status and diagnostic of the last bounce; complained: the feedback type. */
  reason?: string | null;
}

export interface PeoplePage {
  list: PeopleList;
  items: PersonItem[];
  total: number;
  page: number;
  pageSize: number;
}
