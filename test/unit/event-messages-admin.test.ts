/**
 * The event-message pages' pure helpers (issue 21): the timing in words ("1 dag vóór de start"),
 * days + hours <-> hours, the due time and dates in Europe/Brussels; the form state <-> the shared
 * input (and back); the live count's query; problems of the schema and the server at their fields,
 * in Dutch.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import nl from '../../src/plugins/segmentation/admin/src/events/translations/nl.json';
import en from '../../src/plugins/segmentation/admin/src/events/translations/en.json';
import { dueAt, durationWords, formatDateTime, joinHours, splitHours, timingLabel, timingWords } from '../../src/plugins/segmentation/admin/src/events/timing';
import { checkDraft, countQuery, definitionPath, emptyDraft, fieldOf, fromMessage, toInput } from '../../src/plugins/segmentation/admin/src/events/form-state';
import { callProblems, callText, formProblems, problemCode } from '../../src/plugins/segmentation/admin/src/events/problems';
import { entryDetail } from '../../src/plugins/segmentation/admin/src/events/history-words';
import { eventMessageInputSchema, type EventMessage } from '../../src/plugins/segmentation/shared/event-messages';

const translator =
  (texts: Record<string, string>, locale: string) =>
  (id: string, values: Record<string, string | number> = {}) =>
    texts[id] === undefined ? id : String(new IntlMessageFormat(texts[id], locale).format(values));
const t = translator(nl, 'nl');
const tEn = translator(en, 'en');

/** A failed admin call as useFetchClient rejects it (Strapi's error shape). */
const failure = (status: number, message: string, errors: { path: (string | number)[]; message: string }[] = []) => ({
  response: { status, data: { error: { status, name: 'ValidationError', message, details: { errors } } } },
});

const message = (over: Partial<EventMessage> = {}): EventMessage => ({
  id: 7,
  event: 'ev-1',
  name: 'Herinnering',
  channel: 'email',
  template: 'tpl1',
  recipients: { kind: 'all' },
  consents: { mode: 'any', require: [], exclude: [] },
  language: 'holder',
  timing: 'before',
  hours: 24,
  customText: 'Neem je ticket mee',
  status: 'pending',
  dueAt: '2026-12-09T19:00:00.000Z',
  sentAt: null,
  campaign: null,
  reason: null,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  ...over,
});

describe('timing', () => {
  test('hours as days and hours, and back', () => {
    expect(splitHours(0)).toEqual({ days: 0, hours: 0 });
    expect(splitHours(26)).toEqual({ days: 1, hours: 2 });
    expect(splitHours(48)).toEqual({ days: 2, hours: 0 });
    expect(joinHours(1, 2)).toBe(26);
    expect(joinHours(undefined, 3)).toBe(3);
    expect(joinHours(2, undefined)).toBe(48);
    expect(joinHours(undefined, undefined)).toBeNull();
    expect(joinHours(-1, 2.7)).toBe(2);
    for (const h of [0, 1, 23, 24, 25, 168, 744]) {
      const { days, hours } = splitHours(h);
      expect(joinHours(days, hours)).toBe(h);
    }
  });

  test('in words, in Dutch and English', () => {
    expect(timingLabel(t, 'before', 24)).toBe('1 dag vóór de start');
    expect(timingLabel(t, 'before', 48)).toBe('2 dagen vóór de start');
    expect(timingLabel(t, 'after', 3)).toBe('3 uur na het einde');
    expect(timingLabel(t, 'before', 26)).toBe('1 dag en 2 uur vóór de start');
    expect(timingLabel(t, 'now', null)).toBe('nu');
    expect(timingLabel(t, 'after', null)).toBe('na het einde');
    expect(timingLabel(tEn, 'before', 24)).toBe('1 day before the start');
    expect(timingLabel(tEn, 'after', 1)).toBe('1 hour after the end');
    expect(timingWords('before', 2)).toEqual({ id: 'event.timing.before', duration: { id: 'event.duration.hours', values: { hours: 2 } } });
    expect(durationWords(0)).toEqual({ id: 'event.duration.hours', values: { hours: 0 } });
  });

  test('the due time from the start or the end; none without it', () => {
    const event = { startsAt: '2026-12-10T19:00:00Z', endsAt: '2026-12-10T22:00:00Z' };
    const now = new Date('2026-12-07T12:00:00Z');
    expect(dueAt('before', 24, event, now)?.toISOString()).toBe('2026-12-09T19:00:00.000Z');
    expect(dueAt('after', 3, event, now)?.toISOString()).toBe('2026-12-11T01:00:00.000Z');
    expect(dueAt('now', null, event, now)).toBe(now);
    expect(dueAt('before', 24, { startsAt: null, endsAt: event.endsAt }, now)).toBeNull();
    expect(dueAt('after', null, event, now)).toBeNull();
  });

  test('dates in Europe/Brussels, in the UI language', () => {
    // 19:00 UTC in December is 20:00 in Brussels (CET).
    expect(formatDateTime('2026-12-10T19:00:00Z', 'nl-BE')).toMatch(/20:00/);
    expect(formatDateTime('2026-07-10T19:00:00Z', 'nl-BE')).toMatch(/21:00/); // CEST
    expect(formatDateTime('2026-12-10T19:00:00Z', 'en')).toMatch(/8:00\s?PM/);
    expect(formatDateTime(null, 'nl')).toBe('—');
    expect(formatDateTime('not a date', 'nl')).toBe('—');
  });
});

describe('form state', () => {
  test('a message in and the same input out, accepted by the shared schema', () => {
    const cases: EventMessage[] = [
      message(),
      message({ channel: 'sms', timing: 'after', hours: 3, language: 'fr', customText: '' }),
      message({ timing: 'now', hours: null }),
      message({ recipients: { kind: 'product', advantages: ['adv-1', 'adv-2'], since: '2026-01-01' } }),
      message({ recipients: { kind: 'noProduct', advantages: ['adv-1'], since: null } }),
      message({ consents: { mode: 'chosen', require: ['email'], exclude: ['sms'] } }),
      message({
        recipients: { kind: 'definition', definition: { version: 1, groups: [{ filters: [{ type: 'postcode', postcodes: ['9000'] }] }] } },
      }),
    ];
    for (const m of cases) {
      const input = toInput(fromMessage(m));
      expect(input).toEqual({
        name: m.name,
        channel: m.channel,
        template: m.template,
        recipients: m.recipients.kind === 'all' ? { kind: 'all' } : m.recipients,
        consents: m.consents,
        language: m.language,
        timing: m.timing,
        hours: m.timing === 'now' ? null : m.hours,
        customText: m.customText,
      });
      expect(eventMessageInputSchema.safeParse(input).success).toBe(true);
      expect(checkDraft(fromMessage(m))).toEqual([]);
    }
  });

  test('only the fields of the chosen kind and mode are sent', () => {
    const d = { ...emptyDraft(), name: 'x', template: 't', advantages: ['a'], since: '2026-01-01', require: ['email'], consentMode: 'all' as const };
    expect(toInput(d).recipients).toEqual({ kind: 'all' });
    expect(toInput(d).consents).toEqual({ mode: 'all', require: [], exclude: [] });
    expect(toInput({ ...d, timing: 'now', hours: 5 }).hours).toBeNull();
  });

  test('the live count waits for a product or a complete condition', () => {
    const d = emptyDraft();
    expect(countQuery(d)).toEqual({ recipients: { kind: 'all' }, consents: { mode: 'any', require: [], exclude: [] } });
    expect(countQuery({ ...d, recipientKind: 'product' })).toBeNull();
    expect(countQuery({ ...d, recipientKind: 'product', advantages: ['a'] })?.recipients).toEqual({ kind: 'product', advantages: ['a'], since: null });
    // A new definition has one blank row: nothing to count yet.
    expect(countQuery({ ...d, recipientKind: 'definition' })).toBeNull();
    const withFilter = fromMessage(
      message({ recipients: { kind: 'definition', definition: { version: 1, groups: [{ filters: [{ type: 'postcode', postcodes: ['9000'] }] }] } } }),
    );
    expect(countQuery(withFilter)?.recipients).toEqual({
      kind: 'definition',
      definition: { version: 1, groups: [{ filters: [{ type: 'postcode', postcodes: ['9000'] }] }] },
    });
  });

  test('problem paths go to their fields', () => {
    expect(fieldOf(['name'])).toBe('name');
    expect(fieldOf(['hours'])).toBe('timing');
    expect(fieldOf(['timing'])).toBe('timing');
    expect(fieldOf(['recipients', 'advantages', 0])).toBe('recipients.advantages');
    expect(fieldOf(['recipients', 'definition', 'groups', 0])).toBe('recipients.definition');
    expect(fieldOf(['recipients'])).toBe('recipients.kind');
    expect(fieldOf(['consents', 'exclude'])).toBe('consents.exclude');
    expect(fieldOf(['message', 'template'])).toBe('template');
    expect(fieldOf([])).toBe('form');
    expect(definitionPath(['recipients', 'definition', 'groups', 0, 'filters', 1, 'value'])).toEqual(['groups', 0, 'filters', 1, 'value']);
    expect(definitionPath(['recipients', 'advantages'])).toBeNull();
  });
});

describe('problems in Dutch at their fields', () => {
  test("the form's own problems", () => {
    const d = { ...emptyDraft(), recipientKind: 'product' as const, hours: null };
    const p = formProblems(t, checkDraft(d));
    expect(p.fields).toEqual({
      name: nl['event.problem.nameRequired'],
      template: nl['event.problem.chooseTemplate'],
      'recipients.advantages': nl['event.problem.chooseProduct'],
      timing: nl['event.problem.hoursRequired'],
    });
    const both = formProblems(t, checkDraft({ ...emptyDraft(), name: 'x', template: 't', consentMode: 'chosen', require: ['email'], exclude: ['email'] }));
    expect(both.fields).toEqual({ 'consents.exclude': nl['event.problem.requiredAndExcluded'] });
  });

  test("the server's refusals", () => {
    const noStart = callProblems(t, failure(400, 'Invalid message', [{ path: ['timing'], message: 'The event has no start time' }]));
    expect(noStart.fields.timing).toBe(nl['event.problem.noStart']);
    expect(noStart.general).toBeNull();
    const inDefinition = callProblems(
      t,
      failure(400, 'Invalid message', [
        { path: ['recipients', 'definition', 'groups', 0, 'filters', 0, 'postcodes'], message: 'Expected at least one postcode' },
      ]),
    );
    expect(inDefinition.definition).toEqual([{ path: ['groups', 0, 'filters', 0, 'postcodes'], message: 'Expected at least one postcode' }]);
    expect(inDefinition.fields['recipients.definition']).toBe(nl['event.problem.definition']);
    expect(callProblems(t, failure(400, 'A sent message cannot be edited')).general).toBe(nl['event.problem.notEditable']);
    expect(callProblems(t, failure(403, 'Policy Failed')).general).toBe(nl['event.problem.forbidden']);
    expect(callProblems(t, failure(404, 'Event not found')).general).toBe(nl['event.problem.eventNotFound']);
    expect(callProblems(t, failure(404, 'Not Found')).general).toBe(nl['event.problem.notFound']);
    expect(callProblems(t, failure(429, 'Too many requests')).general).toBe(nl['event.problem.rateLimited']);
    // An unknown reason keeps the server's words.
    const odd = callProblems(t, failure(400, 'Invalid message', [{ path: ['template'], message: 'Something new' }]));
    expect(odd.fields.template).toContain('Something new');
    expect(callProblems(t, new Error('Network Error')).general).toBe(nl['event.problem.generic']);
    expect(problemCode('Template tpl1 is not an SMS template')).toBe('templateChannel');
  });

  test("the server's own words (events/validate.ts, service.ts, preview.ts) each have their text", () => {
    const at = (path: string, message: string) => callProblems(t, failure(400, `Invalid event message: ${path}: ${message}`, [{ path: [path], message }]));
    expect(at('timing', 'The event has no start time: a message before it cannot be scheduled').fields.timing).toBe(nl['event.problem.noStart']);
    expect(at('timing', 'The event has no end time: a message after it cannot be scheduled').fields.timing).toBe(nl['event.problem.noEnd']);
    expect(at('template', "Choose a template of the message's channel (sms)").fields.template).toBe(nl['event.problem.templateChannel']);
    expect(at('template', 'Choose a template of the event’s card system').fields.template).toBe(nl['event.problem.templateCardSystem']);
    expect(at('template', "No template 'abc' that you may use").fields.template).toBe(nl['event.problem.unknownTemplate']);
    expect(at('template', 'Choose a template').fields.template).toBe(nl['event.problem.chooseTemplate']);
    // Not a field of the form: said for the page.
    const notPending = callProblems(
      t,
      failure(409, 'A sent message cannot be changed', [{ path: ['status'], message: 'The message is sent; only pending messages can be changed' }]),
    );
    expect(notPending.general).toBe(nl['event.problem.notEditable']);
    expect(callText(t, failure(400, 'The event has no ticket holders to personalise for', [{ path: ['uid'], message: 'No ticket holder found' }]))).toBe(
      nl['event.problem.noHolders'],
    );
    expect(callText(t, failure(400, 'Give a mobile number for the test SMS', [{ path: ['phone'], message: 'A mobile number is required' }]))).toBe(
      nl['event.problem.phoneRequired'],
    );
    expect(callProblems(t, failure(404, "Event 'ev-1' not found")).general).toBe(nl['event.problem.eventNotFound']);
    expect(callProblems(t, failure(404, 'Event message not found')).general).toBe(nl['event.problem.messageNotFound']);
  });

  test('history entries in words', () => {
    expect(entryDetail(t, 'nl-BE', { what: 'created', detail: 'before 24 h' })).toBe('1 dag vóór de start');
    expect(entryDetail(t, 'nl-BE', { what: 'created', detail: 'now' })).toBe('nu');
    expect(entryDetail(t, 'nl-BE', { what: 'sent', detail: '2 recipients' })).toBe('2 ontvangers');
    expect(entryDetail(t, 'nl-BE', { what: 'sent', detail: '1 recipient' })).toBe('1 ontvanger');
    expect(entryDetail(t, 'nl-BE', { what: 'sending', detail: 'to the ticket holders of ev-1' })).toBeNull();
    expect(entryDetail(t, 'nl-BE', { what: 'cancelled', detail: 'Cancelled by staff' })).toBe(nl['event.history.detail.byStaff']);
    expect(entryDetail(t, 'nl-BE', { what: 'moved', detail: 'The event moved: due 2026-12-09T19:00:00.000Z instead of 2026-12-08T19:00:00.000Z' })).toMatch(
      /^Het evenement is verplaatst: nu op 9 dec\.? 2026,? 20:00 in plaats van 8 dec\.? 2026,? 20:00$/,
    );
    expect(entryDetail(t, 'nl-BE', { what: 'failed', detail: 'Not sent: SMTP down' })).toBe('Not sent: SMTP down');
    expect(entryDetail(t, 'nl-BE', { what: 'edited', detail: null })).toBeNull();
  });

  test('every text exists in Dutch and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    for (const [k, v] of Object.entries(nl)) expect([k, v.trim().length > 0]).toEqual([k, true]);
  });
});
