/**
 * Every problem code the templates API can send (`template.*`, found by scanning the server's source)
 * has a text in Dutch and in English (issue 18, item 1), so a new code without a text fails here; and
 * the test SMS's refusals reach the user worded (templateProblem, as TestSmsDialog shows them), naming
 * the field by its label, never in the server's English.
 */
import fs from 'fs';
import { IntlMessageFormat } from 'intl-messageformat';
import path from 'path';
import nl from '../../src/plugins/segmentation/admin/src/templates/translations/nl.json';
import en from '../../src/plugins/segmentation/admin/src/templates/translations/en.json';
import { templateProblem } from '../../src/plugins/segmentation/admin/src/templates/problem-text';

const PLUGIN = path.join(__dirname, '..', '..', 'src', 'plugins', 'segmentation');
/** A translate function like useT's (react-intl's message format): the key itself when there is no text. */
const translator =
  (texts: Record<string, string>, locale: string) =>
  (id: string, values: Record<string, string | number> = {}) =>
    texts[id] === undefined ? id : String(new IntlMessageFormat(texts[id], locale).format(values));

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

/** The codes the server's source emits: a string literal `template.<word>` in server/src or shared. */
const emitted = [
  ...new Set(
    [...sourceFiles(path.join(PLUGIN, 'server', 'src')), ...sourceFiles(path.join(PLUGIN, 'shared'))].flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/['"`](template\.[a-zA-Z]+)['"`]/g)].map((m) => m[1]!),
    ),
  ),
].sort();

test('the scan finds the codes (it would pass vacuously otherwise)', () => {
  expect(emitted).toEqual(expect.arrayContaining(['template.required', 'template.unknownVariable', 'template.mobile', 'template.attachmentTooLarge']));
  expect(emitted.length).toBeGreaterThan(25);
});

test.each(emitted)('%s has a Dutch and an English text', (code) => {
  const key = `mail.problem.${code}`;
  expect((nl as Record<string, string>)[key]).toBeTruthy();
  expect((en as Record<string, string>)[key]).toBeTruthy();
  expect((nl as Record<string, string>)[key]).not.toBe((en as Record<string, string>)[key]);
  // Each text is a valid message (react-intl would show the key otherwise), its placeholders filled.
  const values = { field: 'F', name: 'N', number: 'N', max: 1, uid: 'U', address: 'A', detail: 'D', line: 1, column: 1 };
  for (const [texts, locale] of [
    [nl, 'nl'],
    [en, 'en'],
  ] as const)
    expect(translator(texts, locale)(key, values)).not.toMatch(/\{\s*(field|name|number|max|uid|address|detail)\s*\}/);
});

/** The test SMS refused as the server refuses it (server/src/templates/channel-previews.ts). */
const refusal = (errors: object[]) => ({
  response: { status: 400, data: { error: { status: 400, name: 'ValidationError', message: "'x' is not a mobile number", details: { errors } } } },
});

test('a refused test SMS number is worded in Dutch by the field’s label, not the server’s English', () => {
  const problem = templateProblem(
    refusal([
      { path: ['numbers', 1], message: "'x' is not a mobile number", code: 'template.mobile', params: { number: 'x' } },
      { path: ['numbers'], message: 'At most 10 numbers per test', code: 'template.tooManyNumbers', params: { max: 10 } },
    ]),
    translator(nl, 'nl'),
  );
  expect(problem.fields.numbers).toBe(
    '“x” is geen gsm-nummer. Verbeter het bij Gsm-nummers, bv. 0475 12 34 56 of +32 475 12 34 56.; Hoogstens 10 nummers per test. Laat er enkele weg bij Gsm-nummers.',
  );
  expect(problem.message).toBe('Gsm-nummers: “x” is geen gsm-nummer. Verbeter het bij Gsm-nummers, bv. 0475 12 34 56 of +32 475 12 34 56. (en nog 1 probleem)');
  expect(`${problem.message} ${problem.fields.numbers}`).not.toMatch(/is not a mobile number|numbers per test|\bnumbers\b/);
  const english = templateProblem(
    refusal([{ path: ['numbers', 0], message: "'x' is not a mobile number", code: 'template.mobile', params: { number: 'x' } }]),
    translator(en, 'en'),
  );
  expect(english.fields.numbers).toBe('“x” is not a mobile number. Correct it in Mobile numbers, e.g. 0475 12 34 56 or +32 475 12 34 56.');
});

test('attachment problems name the file and the field', () => {
  const problem = templateProblem(
    refusal([{ path: ['attachments', 0], message: "'plan.zip' is no PDF or image", code: 'template.attachmentType', params: { name: 'plan.zip' } }]),
    translator(nl, 'nl'),
  );
  expect(problem.fields.attachments).toBe('“plan.zip” is geen PDF of afbeelding. Kies bij Bijlagen een PDF of een afbeelding.');
});
