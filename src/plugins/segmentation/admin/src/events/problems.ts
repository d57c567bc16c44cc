/**
 * What the event-message API says, in the UI's language (pure, for the tests): each problem of the
 * shared schema or the server (Strapi's `error.details.errors[]` with a path) becomes a text at its
 * form field (form-state.ts `fieldOf`), naming what to do; a refusal without a field (403, 404, 429,
 * a message that cannot be edited any more) becomes one text for the page. Unknown server messages
 * get a general text with the server's own words after it, so the reason is never lost.
 */
import { definitionPath, fieldOf, type Problem } from './form-state';

type T = (id: string, values?: Record<string, string | number>) => string;

interface ServerError {
  status?: number;
  message?: string;
  errors: Problem[];
}

export function serverError(error: unknown): ServerError {
  const e = error as
    | {
        status?: number;
        response?: { status?: number; data?: { error?: { status?: number; message?: string; details?: { errors?: Partial<Problem>[] } } } };
      }
    | undefined;
  const body = e?.response?.data?.error;
  const errors = (body?.details?.errors ?? [])
    .filter((p): p is Problem => Array.isArray(p?.path) && typeof p?.message === 'string')
    .map((p) => ({ path: p.path, message: p.message }));
  return { status: body?.status ?? e?.response?.status ?? e?.status, message: body?.message, errors };
}

/** [pattern on the (English) message, problem code]; the first match wins. */
const RULES: [RegExp, string][] = [
  [/no start|lacks a start|without a start|start (time )?is (missing|unknown)|has no start/i, 'noStart'],
  [/no end|lacks an end|without an end|end (time )?is (missing|unknown)|has no end/i, 'noEnd'],
  [/in the past|already (due|passed|over|started|ended)|too late/i, 'past'],
  [/cancelled event|event (is|was) cancelled/i, 'eventCancelled'],
  [/cannot be (edited|changed)|only pending|not pending|no longer pending/i, 'notEditable'],
  [/cannot be cancelled/i, 'notCancellable'],
  [/A name is required/, 'nameRequired'],
  [/template of the message.s channel|template .*(channel|an? (e-mail|sms))|channel .*template|not an? (e-mail|sms) template/i, 'templateChannel'],
  [/template of the event.s card system/i, 'templateCardSystem'],
  [/^Choose a template$/, 'chooseTemplate'],
  [/^(Unknown|No) template/i, 'unknownTemplate'],
  [/Choose at least one product/, 'chooseProduct'],
  [/A segment definition is required/, 'chooseDefinition'],
  [/^Unknown (advantage|consent)/i, 'unknownKey'],
  [/Required and excluded at once/, 'requiredAndExcluded'],
  [/Say how many hours/, 'hoursRequired'],
  [/whole hours|Too (big|small)|less than or equal|greater than or equal|at most \d+ hours/i, 'hoursRange'],
  [/At most 5000 characters/, 'customTextTooLong'],
  [/YYYY-MM-DD/, 'date'],
  [/approved sender/i, 'noSender'],
  [/no ticket holders|No ticket holder found/i, 'noHolders'],
  [/mobile number is required|Give a mobile number/i, 'phoneRequired'],
  [/address is required|Give an address/i, 'emailRequired'],
  [/^Unknown event|^Event '.*' not found|^Event not found/i, 'eventNotFound'],
  [/^(Message|Event message) not found/i, 'messageNotFound'],
];

/** The fields the message form shows problems at; others (the status, ...) are the page's. */
const FORM_FIELDS = /^(name|channel|template|language|customText|timing|recipients\.\w+|consents\.\w+)$/;

export const problemCode = (message: string | undefined): string | undefined => (message ? RULES.find(([re]) => re.test(message))?.[1] : undefined);

/** The text of one problem at its field. */
export function problemText(t: T, problem: Problem): string {
  const code = problemCode(problem.message);
  if (code) return t(`event.problem.${code}`);
  return t('event.problem.invalid', { detail: problem.message });
}

export interface FormProblems {
  /** Per field (form-state.ts `fieldOf`): the first problem's text. */
  fields: Record<string, string>;
  /** Problems inside the specific holders' definition, with the builder's paths. */
  definition: Problem[];
  /** A text for the whole form (a refusal without a field), or null. */
  general: string | null;
}

/** The problems of the shared schema's check (the form's own, before saving). */
export function formProblems(t: T, problems: Problem[]): FormProblems {
  const fields: Record<string, string> = {};
  const definition: Problem[] = [];
  for (const p of problems) {
    const inner = definitionPath(p.path);
    if (inner) {
      definition.push({ path: inner, message: p.message });
      fields['recipients.definition'] ??= t('event.problem.definition');
      continue;
    }
    fields[fieldOf(p.path)] ??= problemText(t, p);
  }
  return { fields, definition, general: null };
}

/** A failed call of the messages API as texts at the fields and for the page. */
export function callProblems(t: T, error: unknown): FormProblems {
  const e = serverError(error);
  if (e.status === 401) return { fields: {}, definition: [], general: t('event.problem.loggedOut') };
  if (e.status === 403) return { fields: {}, definition: [], general: t('event.problem.forbidden') };
  if (e.status === 404) return { fields: {}, definition: [], general: t(`event.problem.${problemCode(e.message) ?? 'notFound'}`) };
  if (e.status === 429) return { fields: {}, definition: [], general: t('event.problem.rateLimited') };
  const out = formProblems(t, e.errors);
  if (e.errors.length === 0) {
    const code = problemCode(e.message);
    out.general = code ? t(`event.problem.${code}`) : e.message ? t('event.problem.invalid', { detail: e.message }) : t('event.problem.generic');
    return out;
  }
  // Problems of no form field (the message's status, the preview's holder): said for the page.
  const other = Object.entries(out.fields).filter(([f]) => !FORM_FIELDS.test(f));
  if (other.length) out.general = [...new Set(other.map(([, text]) => text))].join(' ');
  return out;
}

/** One text for a failed call (a toast): the general text, else the first field's. */
export function callText(t: T, error: unknown): string {
  const p = callProblems(t, error);
  return p.general ?? Object.values(p.fields)[0] ?? t('event.problem.generic');
}
