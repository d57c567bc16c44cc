/**
 * Personalised letters: a letter template's subject, body and signature are Liquid with the same
 * variables, engine and work budget as a mail's text parts (templates/personalise.ts), rendered
 * per holder into the LetterInput that writeLetters draws. A letter has no unsubscribe link:
 * `{{ uitschrijflink }}` renders empty.
 */
import type { Template } from 'liquidjs';
import type { Recipient } from '../templates/render';
import { MAIL_BUDGET_MS, RenderBudget, textEngine, variablesOf } from '../templates/personalise';
import type { PostalAddress } from './address';
import type { LetterFrame, LetterInput } from './letters';

export interface LetterTemplate {
  subject: string;
  /** Plain text (blank line = paragraph, `**bold**`), with Liquid. */
  body: string;
  /** Signature lines, with Liquid. */
  signature?: string | null;
}

/** A holder to write to: the mail recipient's fields and the postal address (`name` defaults to first and last name). */
export type PostRecipient = Recipient & Omit<PostalAddress, 'name'> & { name?: string | null };

export interface CompiledLetterTemplate {
  /** One holder's letter; throws a WorkLimitError (part: subject, body or signature) when the template does too much work. */
  render(recipient: PostRecipient): LetterInput;
}

const NO_LINKS = { unsubscribeUrl: '' };

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The name on the envelope: the given one, else first and last name. */
export function addresseeOf(r: PostRecipient): string {
  return oneLine(r.name ?? [r.firstName, r.lastName].filter((s) => s && s.trim()).join(' '));
}

/** Parses the template once (a Liquid syntax error throws here). */
export function compileLetterTemplate(t: LetterTemplate): CompiledLetterTemplate {
  const subject: Template[] = textEngine.parse(t.subject);
  const body: Template[] = textEngine.parse(t.body);
  const signature: Template[] = textEngine.parse(t.signature ?? '');
  return {
    render(r: PostRecipient): LetterInput {
      const vars = variablesOf(r, NO_LINKS);
      const budget = new RenderBudget(MAIL_BUDGET_MS);
      return {
        uid: r.uid,
        name: addresseeOf(r),
        street: r.street,
        postcode: r.postcode,
        city: r.city,
        country: r.country ?? null,
        subject: oneLine(budget.render(textEngine, subject, vars, 'subject')),
        body: budget.render(textEngine, body, vars, 'body'),
        signature: budget.render(textEngine, signature, vars, 'signature').trim() || null,
      };
    },
  };
}

/** The recipients' letters, rendered one at a time as they are read; the template is parsed first (a syntax error throws here). */
export function renderLetterInputs(template: LetterTemplate, recipients: AsyncIterable<PostRecipient> | Iterable<PostRecipient>): AsyncGenerator<LetterInput> {
  const compiled = compileLetterTemplate(template);
  return (async function* () {
    for await (const r of recipients) yield compiled.render(r);
  })();
}

/** One localisation of a letter template: its texts and the frame of its letters. */
export interface LocalisedLetter {
  template: LetterTemplate;
  frame: LetterFrame;
}

/**
 * The recipients' letters, each from the localisation `pick` chooses for the holder (issue 21:
 * the holder's language, or the mailing's forced one); every localisation is parsed first.
 */
export function renderLocalisedLetters(
  localisations: Record<string, LocalisedLetter>,
  pick: (recipient: PostRecipient) => string,
  recipients: AsyncIterable<PostRecipient> | Iterable<PostRecipient>,
): AsyncGenerator<LetterInput> {
  const compiled = new Map(Object.entries(localisations).map(([locale, l]) => [locale, { render: compileLetterTemplate(l.template), frame: l.frame }]));
  return (async function* () {
    for await (const r of recipients) {
      const one = compiled.get(pick(r))!;
      yield { ...one.render.render(r), frame: one.frame };
    }
  })();
}
