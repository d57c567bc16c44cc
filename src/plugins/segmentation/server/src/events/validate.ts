/**
 * An event message's input, checked as a whole: the shared schema (every problem with its path),
 * the segment definition of `definition` recipients (its problems under `recipients.definition`),
 * the template (one of the message's channel that the caller may use, of the event's partner) and
 * the timing (the event must have the start or end it counts from). Refused with a 400 listing all.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { consentsSchema, eventMessageInputSchema, recipientsSchema, type EventMessageInput } from '../../../shared/event-messages';
import { problemsOf } from '../../../shared/definition';
import { describeProblems, validationError, type Problem } from '../common/errors';
import { assertDefinitionInScope, canSee, type Scope } from '../common/scope';
import { getService } from '../services';
import type { EventRow } from './queries';
import { dueAt } from './timing';

const TEMPLATE_UID = 'plugin::segmentation.mail-template';

async function definitionProblems(strapi: Core.Strapi, definition: unknown, scope: Scope): Promise<Problem[]> {
  try {
    const def = await getService(strapi, 'segments').validate(definition);
    assertDefinitionInScope(def, scope);
    return [];
  } catch (error) {
    if (!(error instanceof errors.ApplicationError)) throw error;
    const listed = ((error.details as { errors?: Problem[] } | undefined)?.errors ?? []).map((p) => ({
      path: ['recipients', 'definition', ...p.path],
      message: p.message,
    }));
    return listed.length ? listed : [{ path: ['recipients', 'definition'], message: error.message }];
  }
}

async function templateProblems(strapi: Core.Strapi, input: EventMessageInput, event: EventRow, scope: Scope): Promise<Problem[]> {
  const doc = (await strapi.documents(TEMPLATE_UID).findOne({ documentId: input.template, fields: ['channel', 'cardSystem'] })) as {
    channel?: string;
    cardSystem?: string | null;
  } | null;
  if (!doc || !canSee(scope, doc.cardSystem ?? null)) return [{ path: ['template'], message: `No template '${input.template}' that you may use` }];
  if ((doc.channel ?? 'email') !== input.channel) return [{ path: ['template'], message: `Choose a template of the message's channel (${input.channel})` }];
  if (doc.cardSystem && event.card_system_key && doc.cardSystem !== event.card_system_key)
    return [{ path: ['template'], message: 'Choose a template of the event’s card system' }];
  return [];
}

export async function parseMessage(strapi: Core.Strapi, body: unknown, event: EventRow, scope: Scope): Promise<EventMessageInput> {
  const result = eventMessageInputSchema.safeParse(body ?? {}, { reportInput: true });
  if (!result.success) {
    const problems = problemsOf(result.error.issues);
    throw validationError(`Invalid event message: ${describeProblems(problems)}`, problems);
  }
  const input = result.data;
  const problems: Problem[] = [];
  if (input.recipients.kind === 'definition') problems.push(...(await definitionProblems(strapi, input.recipients.definition, scope)));
  problems.push(...(await templateProblems(strapi, input, event, scope)));
  if (dueAt(input.timing, input.hours, { startsAt: event.starts_at, endsAt: event.ends_at }, 0) === null) {
    const what = input.timing === 'before' ? 'start' : 'end';
    problems.push({ path: ['timing'], message: `The event has no ${what} time: a message ${input.timing} it cannot be scheduled` });
  }
  if (problems.length) throw validationError(`Invalid event message: ${describeProblems(problems)}`, problems);
  return input;
}

/** The live count's body: the recipients and consents parts of an input. */
export const countSchema = z.strictObject({
  recipients: recipientsSchema.default({ kind: 'all' }),
  consents: consentsSchema.default({ mode: 'any', require: [], exclude: [] }),
});
export type CountInput = z.infer<typeof countSchema>;

/** The recipients' definition of a count body checked as a message's is (problems under `recipients.definition`). */
export async function checkCount(strapi: Core.Strapi, input: CountInput, scope: Scope): Promise<void> {
  if (input.recipients.kind !== 'definition') return;
  const problems = await definitionProblems(strapi, input.recipients.definition, scope);
  if (problems.length) throw validationError(`Invalid request: ${describeProblems(problems)}`, problems);
}
