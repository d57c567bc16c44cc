import {
  ALL_VARIABLE_NAMES,
  PERSONALISATION_VARIABLES,
  insertAt,
  personalisationTag,
  withDutchNames,
} from '../../src/plugins/segmentation/shared/personalisation';
import { compileTemplate, type MailLinks, type Recipient, type TemplateContent } from '../../src/plugins/segmentation/server/src/templates/render';
import { subjectAsItReads, subjectFor } from '../../src/plugins/segmentation/server/src/templates/subject';
import { TEMPLATE_VARIABLES } from '../../src/plugins/segmentation/server/src/templates/personalise';

const holder: Recipient = {
  uid: 'uid-9',
  firstName: 'Fatima',
  lastName: 'El Amrani',
  email: 'fatima@example.be',
  points: 17,
  language: 'nl',
  cardSystem: { key: 'uitpas-gent', name: 'UiTPAS Gent' },
};
const links: MailLinks = { unsubscribeUrl: 'https://mail.uitpas.test/u/xyz' };
const nameless: Recipient = { ...holder, firstName: null, lastName: null };

const dutch: TemplateContent = {
  subject: '{{ voornaam | default: "Hallo" }}, je hebt {{ punten }} punten',
  preheader: 'Nieuws van {{ kaartsysteem }} voor {{ voornaam }} {{ naam }}',
  format: 'house',
  houseStyle: 'neutral',
  body: 'Dag {{ voornaam | default: "UiTPAS-houder" }} {{ naam }},\n\nJe hebt {{ punten }} punten ({{ taal }}, {{ uid }}, {{ email }}).',
  buttonText: 'Bekijk',
  buttonUrl: 'https://www.uitpas.test/?u={{ uid }}',
  language: 'nl',
};

describe('Dutch variable names in the renderer', () => {
  test('every Dutch name renders the same value as its English equivalent', async () => {
    const all = PERSONALISATION_VARIABLES.map((v) => `{{ ${v.dutch} }}={{ ${v.english} }}`).join(' ; ');
    const mail = await (await compileTemplate({ ...dutch, subject: all })).render(holder, links);
    const pairs = mail.subject.split(' ; ').map((pair) => pair.split('='));
    expect(pairs).toHaveLength(PERSONALISATION_VARIABLES.length);
    for (const [dutchValue, englishValue] of pairs) {
      expect(dutchValue).toBeTruthy();
      expect(dutchValue).toBe(englishValue);
    }
    expect(mail.subject).toContain('Fatima=Fatima ; El Amrani=El Amrani ; 17=17 ; UiTPAS Gent=UiTPAS Gent');
  });

  test('subject, preheader and text with Dutch names read as the holder gets them', async () => {
    const mail = await (await compileTemplate(dutch)).render(holder, links);
    expect(mail.subject).toBe('Fatima, je hebt 17 punten');
    expect(mail.preheader).toBe('Nieuws van UiTPAS Gent voor Fatima El Amrani');
    expect(mail.text).toContain('Dag Fatima El Amrani,');
    expect(mail.text.replace(/\s+/g, ' ')).toContain('Je hebt 17 punten (nl, uid-9, fatima@example.be).');
  });

  test('the fallback of a Dutch name applies when the holder has no first name', async () => {
    const mail = await (await compileTemplate(dutch)).render(nameless, links);
    expect(mail.subject).toBe('Hallo, je hebt 17 punten');
    expect(mail.text).toContain('Dag UiTPAS-houder ,');
  });

  test('the renderer knows every Dutch and English name', () => {
    expect([...TEMPLATE_VARIABLES].sort()).toEqual([...ALL_VARIABLE_NAMES].sort());
    expect(ALL_VARIABLE_NAMES).toEqual(expect.arrayContaining(['voornaam', 'naam', 'punten', 'firstName', 'lastName', 'points']));
    expect(
      withDutchNames<string | number | null>({
        firstName: 'A',
        lastName: 'B',
        points: 1,
        uid: 'u',
        email: null,
        cardSystem: null,
        language: null,
        unsubscribeUrl: 'x',
      }),
    ).toMatchObject({
      voornaam: 'A',
      naam: 'B',
      punten: 1,
      firstName: 'A',
    });
  });
});

describe('the subject as it reads', () => {
  test('for the sample holder and for a real holder', () => {
    expect(subjectAsItReads('{{ voornaam | default: "Hallo" }}, je UiTPAS-najaar')).toBe('An, je UiTPAS-najaar');
    expect(subjectFor('{{ firstName }} {{ naam }}: {{ punten }} punten', holder)).toBe('Fatima El Amrani: 17 punten');
    expect(subjectFor('{{ voornaam | default: "Hallo" }}!', nameless)).toBe('Hallo!');
  });

  test('a subject that does not render stays as written', () => {
    expect(subjectAsItReads('{{ voornaam ')).toBe('{{ voornaam ');
    expect(subjectAsItReads('{{ onbekend }}')).toBe('{{ onbekend }}');
  });
});

describe('the insert menu helpers', () => {
  test('a tag without and with a fallback', () => {
    expect(personalisationTag('voornaam')).toBe('{{ voornaam }}');
    expect(personalisationTag('voornaam', '  ')).toBe('{{ voornaam }}');
    expect(personalisationTag('voornaam', 'Hallo')).toBe('{{ voornaam | default: "Hallo" }}');
    expect(personalisationTag('voornaam', 'Dag "jij"')).toBe(`{{ voornaam | default: 'Dag "jij"' }}`);
    expect(personalisationTag('voornaam', `"it's"`)).toBe('{{ voornaam | default: "it\'s" }}');
  });

  test('inserted at the cursor, or in place of the selection', () => {
    expect(insertAt('Dag ,', '{{ voornaam }}', 4)).toEqual({ text: 'Dag {{ voornaam }},', cursor: 18 });
    expect(insertAt('Dag X!', '{{ naam }}', 4, 5)).toEqual({ text: 'Dag {{ naam }}!', cursor: 14 });
    expect(insertAt('abc', 'Z', 99)).toEqual({ text: 'abcZ', cursor: 4 });
  });
});
