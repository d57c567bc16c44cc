/**
 * The message form's state and its conversion to and from the shared input (pure, for the tests):
 * `toInput(fromMessage(m))` gives the input of `m` back. The "specific holders" definition is kept
 * as the segment builder's draft (segments/builder-state.ts) so the builder's editor can be reused.
 */
import {
  eventMessageInputSchema,
  type ConsentMode,
  type EventMessage,
  type LanguageMode,
  type MessageChannel,
  type RecipientKind,
  type Timing,
} from '../../../shared/event-messages';
import type { SegmentDefinition } from '../../../shared/definition';
import { countableDefinition, emptyDraft as emptyDefinitionDraft, fromDraft, toDraft, type Draft as DefinitionDraft } from '../segments/builder-state';

/** Who the live count is about: the recipients and consents of the form. */
export interface CountQuery {
  recipients: { kind: RecipientKind; advantages?: string[]; since?: string | null; definition?: unknown };
  consents: { mode: ConsentMode; require: string[]; exclude: string[] };
}

export interface Draft {
  name: string;
  channel: MessageChannel;
  template: string | null;
  recipientKind: RecipientKind;
  advantages: string[];
  /** YYYY-MM-DD or null (at any time). */
  since: string | null;
  definition: DefinitionDraft;
  consentMode: ConsentMode;
  require: string[];
  exclude: string[];
  language: LanguageMode;
  timing: Timing;
  /** Whole hours before the start / after the end; null while not typed. */
  hours: number | null;
  customText: string;
}

export function emptyDraft(): Draft {
  return {
    name: '',
    channel: 'email',
    template: null,
    recipientKind: 'all',
    advantages: [],
    since: null,
    definition: emptyDefinitionDraft(),
    consentMode: 'any',
    require: [],
    exclude: [],
    language: 'holder',
    timing: 'before',
    hours: 24,
    customText: '',
  };
}

const isDefinition = (d: unknown): d is SegmentDefinition => Boolean(d && typeof d === 'object' && Array.isArray((d as { groups?: unknown }).groups));

export function fromMessage(m: EventMessage): Draft {
  const r = m.recipients ?? { kind: 'all' };
  return {
    name: m.name,
    channel: m.channel,
    template: m.template || null,
    recipientKind: r.kind,
    advantages: [...(r.advantages ?? [])],
    since: r.since ?? null,
    definition: isDefinition(r.definition) ? toDraft(r.definition) : emptyDefinitionDraft(),
    consentMode: m.consents?.mode ?? 'any',
    require: [...(m.consents?.require ?? [])],
    exclude: [...(m.consents?.exclude ?? [])],
    language: m.language,
    timing: m.timing,
    hours: m.hours ?? null,
    customText: m.customText ?? '',
  };
}

/** The recipients as the API takes them: only the fields of the chosen kind. */
export function recipientsOf(d: Draft, definition: unknown = fromDraft(d.definition)): CountQuery['recipients'] {
  switch (d.recipientKind) {
    case 'all':
      return { kind: 'all' };
    case 'product':
    case 'noProduct':
      return { kind: d.recipientKind, advantages: d.advantages, since: d.since || null };
    case 'definition':
      return { kind: 'definition', definition };
  }
}

export function consentsOf(d: Draft): CountQuery['consents'] {
  return d.consentMode === 'chosen' ? { mode: 'chosen', require: d.require, exclude: d.exclude } : { mode: d.consentMode, require: [], exclude: [] };
}

/** The body of a save, a preview or a test (the shared schema's input). */
export function toInput(d: Draft) {
  return {
    name: d.name.trim(),
    channel: d.channel,
    template: d.template ?? '',
    recipients: recipientsOf(d),
    consents: consentsOf(d),
    language: d.language,
    timing: d.timing,
    hours: d.timing === 'now' ? null : d.hours,
    customText: d.customText,
  };
}

/**
 * What the live count asks for; null while the recipients cannot be counted yet (no product
 * chosen, no complete filter of the specific holders). Incomplete filters are left out, as in the builder.
 */
export function countQuery(d: Draft): CountQuery | null {
  if ((d.recipientKind === 'product' || d.recipientKind === 'noProduct') && d.advantages.length === 0) return null;
  if (d.recipientKind === 'definition') {
    const { definition } = countableDefinition(d.definition);
    if (!definition) return null;
    return { recipients: recipientsOf(d, definition), consents: consentsOf(d) };
  }
  return { recipients: recipientsOf(d), consents: consentsOf(d) };
}

/**
 * The form field a problem's path belongs to: `name`, `channel`, `template`, `recipients.kind`,
 * `recipients.advantages`, `recipients.since`, `recipients.definition` (its own paths shown in the
 * builder), `consents.require`, `consents.exclude`, `language`, `timing` (also `hours`), `customText`.
 */
export function fieldOf(path: readonly (string | number)[]): string {
  const [first, second] = path;
  if (first === 'recipients') {
    if (second === 'advantages' || second === 'since' || second === 'definition' || second === 'kind') return `recipients.${second}`;
    return 'recipients.kind';
  }
  if (first === 'consents') return second === 'require' || second === 'exclude' ? `consents.${second}` : 'consents.mode';
  if (first === 'hours' || first === 'timing') return 'timing';
  if (first === 'message') return fieldOf(path.slice(1));
  return typeof first === 'string' && first ? first : 'form';
}

/** A problem inside the specific holders' definition, with the path the builder's editor uses (['groups', 0, ...]). */
export function definitionPath(path: readonly (string | number)[]): (string | number)[] | null {
  const p = path[0] === 'message' ? path.slice(1) : path;
  return p[0] === 'recipients' && p[1] === 'definition' && p.length > 2 ? p.slice(2) : null;
}

export interface Problem {
  path: (string | number)[];
  message: string;
}

/** The shared schema's problems of the draft (the server checks the same, and more). */
export function checkDraft(d: Draft): Problem[] {
  const result = eventMessageInputSchema.safeParse(toInput(d));
  if (result.success) return [];
  return result.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message }));
}
