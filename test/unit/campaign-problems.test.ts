/**
 * The mailing pages' server messages in the UI's language (issue 18, item 1): every known refusal
 * of the campaigns API maps to a Dutch (or English) text that names the field by its label and
 * never shows a path or the English server text.
 */
import nl from '../../src/plugins/segmentation/admin/src/campaigns/translations/nl.json';
import en from '../../src/plugins/segmentation/admin/src/campaigns/translations/en.json';
import { lastErrorText, problemFields, problemText } from '../../src/plugins/segmentation/admin/src/campaigns/problems';

const translator =
  (texts: Record<string, string>) =>
  (id: string, values: Record<string, string | number> = {}) =>
    (texts[id] ?? id).replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
const t = translator(nl);

/** A failed admin call as useFetchClient rejects it (Strapi's error shape). */
const failure = (status: number, message: string, errors: { path: (string | number)[]; message: string }[] = []) => ({
  response: { status, data: { error: { status, name: 'ValidationError', message, details: { errors } } } },
});

test('each message of the campaigns API has a Dutch text that says what to do', () => {
  const cases: [unknown, string][] = [
    [failure(400, 'Choose a segment first', [{ path: ['segment'], message: 'A campaign needs a segment' }]), nl['campaign.problem.noSegment']],
    [failure(400, 'The template needs an approved sender address', [{ path: ['template', 'sender'], message: 'x' }]), nl['campaign.problem.noSender']],
    [failure(400, 'Nobody to send to after exclusions', [{ path: ['segment'], message: 'No recipients after exclusions' }]), nl['campaign.problem.nobody']],
    [failure(400, 'A sent campaign cannot be edited'), nl['campaign.problem.notEditable']],
    [failure(400, 'A sent campaign cannot be paused'), nl['campaign.problem.wrongStatus']],
    [failure(400, "Unknown template 'abc'", [{ path: ['template'], message: "No template 'abc' that you may use" }]), nl['campaign.problem.unknownTemplate']],
    [failure(400, 'Invalid template: subject: Unknown variable voornaam'), nl['campaign.problem.templateInvalid']],
    [failure(403, 'Policy Failed'), nl['campaign.problem.forbidden']],
    [failure(404, 'Campaign not found'), nl['campaign.problem.notFound']],
    [failure(429, 'Too many requests'), nl['campaign.problem.rateLimited']],
  ];
  for (const [error, text] of cases) {
    expect(text).toBeTruthy();
    expect(problemText(error, t)).toBe(text);
  }
  expect(problemText(new Error('Network Error'), t, 'campaign.saveFailed')).toBe(nl['campaign.saveFailed']);
});

test('field problems name the field by its label, never its path', () => {
  const error = failure(400, 'Invalid campaign: name: A name is required (and 1 more problem)', [
    { path: ['name'], message: 'A name is required' },
    { path: ['holdoutPercent'], message: 'Too big: expected number to be <=50' },
  ]);
  expect(problemFields(error, t)).toEqual({ name: 'Vul Naam in.', holdoutPercent: 'Controleer Controlegroep (%): deze waarde kan niet.' });
  expect(problemText(error, t)).toBe('Vul Naam in.');
  const conversion = failure(400, 'Invalid request: days: Too big', [{ path: ['days'], message: 'Too big: expected number to be <=365' }]);
  expect(problemFields(conversion, t, { days: 'Binnen … dagen' })).toEqual({ days: 'Controleer Binnen … dagen: deze waarde kan niet.' });
  for (const text of [...Object.values(problemFields(error, t)), problemText(error, t)]) expect(text).not.toMatch(/holdoutPercent|›|\bname\b/);
});

test("the English UI gets English texts; the worker's last error is explained", () => {
  expect(problemText(failure(400, 'Choose a template first'), translator(en))).toBe(en['campaign.problem.noTemplate']);
  expect(lastErrorText('Not sent: Kim Kijker, who scheduled it, may no longer send campaigns', t)).toBe(nl['campaign.problem.schedulerNoRight']);
  expect(lastErrorText('connect ECONNREFUSED 127.0.0.1:25', t)).toBe(nl['campaign.problem.smtp']);
  expect(lastErrorText('something unforeseen', t)).toBe(nl['campaign.problem.sendFailed']);
  // Every problem text exists in both languages.
  const keys = (o: Record<string, string>) =>
    Object.keys(o).filter((k) => k.startsWith('campaign.problem.') || k.startsWith('download.') || k.startsWith('campaign.why.'));
  expect(keys(en).sort()).toEqual(keys(nl).sort());
});
