/**
 * The text of one campaign SMS: the SMS template's Liquid (parsed once per send) for the holder,
 * then the opt-out line on a line of its own. Test SMS carry `[TEST] ` in front.
 */
import type { TemplateContent, Recipient } from '../templates/render';
import { MAIL_BUDGET_MS, RenderBudget, textEngine, variablesOf } from '../templates/personalise';

export type SmsRenderer = (person: Recipient) => string;

export function compileSms(content: TemplateContent, optOut: string, prefix = ''): SmsRenderer {
  const parsed = textEngine.parse(content.text ?? '');
  return (person) => {
    const body = new RenderBudget(MAIL_BUDGET_MS).render(textEngine, parsed, variablesOf(person, { unsubscribeUrl: '' }), 'text').trim();
    return `${prefix}${body}${optOut ? `\n${optOut}` : ''}`;
  };
}
