/**
 * The subject "as it reads": rendered for the made-up sample holder (An Peeters, no personal data,
 * so anyone who may read templates may see it) or for a real recipient. A subject that does not
 * render (a Liquid error, too much work) is shown as written.
 */
import { CHECK_BUDGET_MS, RenderBudget, SAMPLE_VARIABLES, SAMPLE_UNSUBSCRIBE_URL, textEngine, variablesOf, type TemplateVariables } from './personalise';
import type { Recipient } from './render';

export function subjectAsItReads(subject: string, vars: TemplateVariables = SAMPLE_VARIABLES[0]!): string {
  try {
    const rendered = new RenderBudget(CHECK_BUDGET_MS).render(textEngine, textEngine.parse(subject), vars, 'subject');
    return rendered.replace(/\s+/g, ' ').trim();
  } catch {
    return subject;
  }
}

/** The subject as `recipient` would read it. */
export const subjectFor = (subject: string, recipient: Recipient): string =>
  subjectAsItReads(subject, variablesOf(recipient, { unsubscribeUrl: SAMPLE_UNSUBSCRIBE_URL }));

/** Each template with `sampleSubject`: its subject for the sample holder. */
export function withSampleSubject<T extends object>(doc: T): T & { sampleSubject: string | null } {
  const subject = (doc as { subject?: unknown }).subject;
  return { ...doc, sampleSubject: typeof subject === 'string' ? subjectAsItReads(subject) : null };
}
