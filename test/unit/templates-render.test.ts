// Count MJML compilations while keeping the real compiler.
jest.mock('mjml', () => {
  const actual = jest.requireActual('mjml');
  return jest.fn((...args: unknown[]) => actual(...args));
});

import { load } from 'cheerio';
import { HOUSE_STYLES } from '../../src/plugins/segmentation/server/src/templates/house-styles';
import { compileTemplate, type MailLinks, type Recipient, type TemplateContent } from '../../src/plugins/segmentation/server/src/templates/render';

const mjmlMock = jest.requireMock('mjml') as jest.Mock;

const holder: Recipient = {
  uid: 'uid-123',
  firstName: 'An',
  lastName: 'Peeters',
  email: 'an@example.be',
  points: 42,
  language: 'nl',
  cardSystem: { key: 'uitpas-gent', name: 'UiTPAS Gent' },
};
const links: MailLinks = { unsubscribeUrl: 'https://mail.uitpas.test/u/abc?x=1&y=2' };

const house: TemplateContent = {
  subject: 'Nieuws voor {{ firstName | default: "UiTPAS-houder" }}',
  preheader: 'Je hebt {{ points }} punten',
  format: 'house',
  houseStyle: 'uitpas-gent',
  imageUrl: 'https://cdn.uitpas.test/header.png',
  imageAlt: 'Zomerfestival in {{ cardSystem }}',
  body: 'Dag {{ firstName | default: "UiTPAS-houder" }},\n\nJe hebt {{ points }} punten.\nTot snel!',
  buttonText: 'Bekijk je voordelen',
  buttonUrl: 'https://www.uitpas.test/voordelen?uid={{ uid }}&bron=mail',
  language: 'nl',
};

const ALL = '{{ firstName }}|{{ lastName }}|{{ points }}|{{ uid }}|{{ email }}|{{ cardSystem }}|{{ language }}|{{ unsubscribeUrl }}';
const ALL_OUT = `An|Peeters|42|uid-123|an@example.be|UiTPAS Gent|nl|${links.unsubscribeUrl}`;
const LEFTOVERS = /\{\{|\{%|ZL[0-9A-F]{10}X/i;

async function renderOnce(t: TemplateContent, r: Recipient = holder) {
  return (await compileTemplate(t)).render(r, links);
}

describe('house-style mails', () => {
  test.each(Object.keys(HOUSE_STYLES))('house style %s renders a complete mail', async (key) => {
    const mail = await renderOnce({ ...house, houseStyle: key });
    const style = HOUSE_STYLES[key]!;
    expect(mail.html).toMatch(/^<!doctype html>/i);
    expect(mail.html).not.toMatch(LEFTOVERS);
    const $ = load(mail.html);
    expect($('html').attr('lang')).toBe('nl');
    expect($('title').text()).toBe('Nieuws voor An');
    const preheader = $('body').children().first();
    expect(preheader.is('div')).toBe(true);
    expect(preheader.attr('style')).toMatch(/display:none/);
    expect(preheader.text()).toMatch(/^Je hebt 42 punten/);
    const img = $('img');
    expect(img).toHaveLength(1);
    expect(img.attr('src')).toBe('https://cdn.uitpas.test/header.png');
    expect(img.attr('width')).toBe('680');
    expect(img.attr('alt')).toBe('Zomerfestival in UiTPAS Gent');
    const button = $('a').filter((_, a) => $(a).text().trim() === 'Bekijk je voordelen');
    expect(button.attr('href')).toBe('https://www.uitpas.test/voordelen?uid=uid-123&bron=mail');
    expect(button.attr('style')).toContain(`background:${style.primaryColor}`);
    const unsubscribe = $('a').filter((_, a) => $(a).text().trim() === 'Uitschrijven');
    expect(unsubscribe.attr('href')).toBe(links.unsubscribeUrl);
    expect($('body').text()).toContain(style.wordmark);
    expect($('body').text()).toContain(style.footer);
  });

  test('unknown or missing house style falls back to neutral', async () => {
    for (const houseStyle of ['does-not-exist', null, 'constructor']) {
      const mail = await renderOnce({ ...house, houseStyle });
      expect(mail.html).toContain(HOUSE_STYLES.neutral!.primaryColor);
      expect(mail.html).not.toContain(HOUSE_STYLES['uitpas-gent']!.primaryColor);
    }
  });

  test.each([
    ['nl', 'Uitschrijven'],
    ['en', 'Unsubscribe'],
    ['fr', 'Se désabonner'],
    ['de', 'Abmelden'],
  ] as const)('unsubscribe link in %s', async (language, label) => {
    const $ = load((await renderOnce({ ...house, language })).html);
    expect(
      $('a')
        .filter((_, a) => $(a).text().trim() === label)
        .attr('href'),
    ).toBe(links.unsubscribeUrl);
    expect($('html').attr('lang')).toBe(language);
  });

  test('without image, button or preheader those parts are absent', async () => {
    const mail = await renderOnce({ ...house, imageUrl: null, buttonText: null, buttonUrl: null, preheader: null });
    const $ = load(mail.html);
    expect($('img')).toHaveLength(0);
    expect($('a')).toHaveLength(1); // only the unsubscribe link
    expect($('body').children().first().attr('style') ?? '').not.toMatch(/display:none/);
    expect(mail.preheader).toBe('');
  });
});

describe('personalisation', () => {
  test('every variable in subject, preheader, body and button link', async () => {
    const mail = await renderOnce({ ...house, subject: ALL, preheader: ALL, body: ALL, buttonUrl: `https://x.test/?v=${ALL}` });
    expect(mail.subject).toBe(ALL_OUT);
    expect(mail.preheader).toBe(ALL_OUT);
    const $ = load(mail.html);
    expect($('title').text()).toBe(ALL_OUT);
    expect($('body').children().first().text()).toContain(ALL_OUT);
    expect($('p').first().text()).toBe(ALL_OUT);
    expect(
      $('a')
        .filter((_, a) => $(a).text().trim() === 'Bekijk je voordelen')
        .attr('href'),
    ).toBe(`https://x.test/?v=${ALL_OUT}`);
    expect(mail.text).toContain(ALL_OUT);
  });

  test('the default filter covers a holder without a first name', async () => {
    const mail = await renderOnce(house, { ...holder, firstName: null, cardSystem: null, language: null, email: null });
    expect(mail.subject).toBe('Nieuws voor UiTPAS-houder');
    expect(load(mail.html)('p').first().text()).toBe('Dag UiTPAS-houder,');
    expect(mail.text).toContain('Dag UiTPAS-houder,');
  });

  test('values are HTML-escaped in the HTML part and raw in subject and text', async () => {
    const mail = await renderOnce({ ...house, subject: 'Voor {{ firstName }}' }, { ...holder, firstName: '<b>Jo & Co</b>' });
    expect(mail.subject).toBe('Voor <b>Jo & Co</b>');
    expect(mail.html).toContain('Dag &lt;b&gt;Jo &amp; Co&lt;/b&gt;,');
    expect(mail.html).toContain('<title>Voor &lt;b&gt;Jo &amp; Co&lt;/b&gt;</title>');
    expect(mail.html).not.toContain('<b>Jo');
    expect(mail.text).toContain('Dag <b>Jo & Co</b>,');
  });

  test('the text itself is escaped: markup and braces show as typed', async () => {
    const mail = await renderOnce({ ...house, body: 'Tags <i>blijven</i> tekst & {accolades} {{ firstName }} {ook}' });
    const $ = load(mail.html);
    expect($('i')).toHaveLength(0);
    expect($('p').first().text()).toBe('Tags <i>blijven</i> tekst & {accolades} An {ook}');
    expect(mail.text).toContain('Tags <i>blijven</i> tekst & {accolades} An {ook}');
  });

  test('Liquid logic works in the HTML and the text', async () => {
    const t = { ...house, body: '{% if points > 10 %}Veel{% else %}Weinig{% endif %} punten' };
    const compiled = await compileTemplate(t);
    expect(compiled.render(holder, links).text).toContain('Veel punten');
    const few = compiled.render({ ...holder, points: 3 }, links);
    expect(load(few.html)('p').first().text()).toBe('Weinig punten');
    expect(few.text).toContain('Weinig punten');
  });

  test('subject and preheader are single lines whatever the data', async () => {
    const mail = await renderOnce({ ...house, subject: 'Hoi {{ firstName }}' }, { ...holder, firstName: 'An\r\nBcc: x@y.z' });
    expect(mail.subject).toBe('Hoi An Bcc: x@y.z');
  });
});

describe('compile once, render many', () => {
  test('MJML runs once per template, not per recipient', async () => {
    mjmlMock.mockClear();
    const compiled = await compileTemplate(house);
    expect(mjmlMock).toHaveBeenCalledTimes(1);
    const subjects = new Set<string>();
    for (let i = 0; i < 200; i++) subjects.add(compiled.render({ ...holder, firstName: `Holder ${i}` }, links).subject);
    expect(subjects.size).toBe(200);
    expect(mjmlMock).toHaveBeenCalledTimes(1);
  });

  test('pure HTML never goes through MJML', async () => {
    mjmlMock.mockClear();
    await compileTemplate({ subject: 'x', format: 'html', html: '<p><a href="{{ unsubscribeUrl }}">u</a></p>', language: 'nl' });
    expect(mjmlMock).not.toHaveBeenCalled();
  });
});

describe('plain-text part', () => {
  test('personalised text and the button URL, without HTML tags or the hidden preheader', async () => {
    const { text } = await renderOnce({ ...house, preheader: 'Voorproefje voor {{ firstName }}' });
    expect(text).toContain('Dag An,\n\nJe hebt 42 punten.\nTot snel!');
    expect(text).toContain('https://www.uitpas.test/voordelen?uid=uid-123&bron=mail');
    expect(text).toContain(`Uitschrijven [${links.unsubscribeUrl}]`);
    expect(text).not.toMatch(/<[a-z/!][^>]*>/i);
    expect(text).not.toMatch(/&(amp|lt|gt|nbsp|zwnj);/);
    expect(text).not.toContain('Voorproefje'); // the hidden preheader is not part of the text
    expect(text).not.toMatch(LEFTOVERS);
  });
});

describe('pure HTML mails', () => {
  const html = `<!doctype html><html><head><title>{{ firstName }}</title><style>p { color: #333; }</style></head>
<body class="mail"><h1>Hallo {{ firstName | default: "UiTPAS-houder" }}</h1><p>Je hebt {{ points }} punten.</p>
<p><a href="https://www.uitpas.test/?uid={{ uid }}">Naar UiTPAS</a> · <a href="{{ unsubscribeUrl }}">Uitschrijven</a></p></body></html>`;
  const pure: TemplateContent = { subject: 'Hoi {{ firstName }}', preheader: 'Even {{ cardSystem }}', format: 'html', html, language: 'nl' };

  test('renders as given, personalised and escaped, with the preheader right after <body>', async () => {
    const mail = await renderOnce(pure, { ...holder, firstName: 'Jo & <Co>' });
    expect(mail.html).toContain('<body class="mail"><div class="preheader" style="display:none;');
    expect(mail.html).toContain('<h1>Hallo Jo &amp; &lt;Co&gt;</h1>');
    expect(mail.html).toContain('<style>p { color: #333; }</style>');
    const $ = load(mail.html);
    expect($('body').children().first().text()).toMatch(/^Even UiTPAS Gent/);
    expect($('a').last().attr('href')).toBe(links.unsubscribeUrl);
    expect($('a').first().attr('href')).toBe('https://www.uitpas.test/?uid=uid-123');
    expect(mail.subject).toBe('Hoi Jo & <Co>');
    expect(mail.text).toContain('Hallo Jo & <Co>');
    expect(mail.text).toContain('Naar UiTPAS [https://www.uitpas.test/?uid=uid-123]');
    expect(mail.text).not.toContain('Even UiTPAS Gent');
  });

  test('without a preheader the HTML is untouched apart from Liquid', async () => {
    const mail = await renderOnce({ ...pure, preheader: null });
    expect(mail.html).toContain('<body class="mail"><h1>Hallo An</h1>');
  });

  test('Liquid the text conversion drops (inside an image attribute) still yields the right text', async () => {
    const withAlt = html.replace('<h1>', '<img alt="{% if firstName %}Foto{% endif %}" src="https://x.test/a.png"><h1>');
    const mail = await renderOnce({ ...pure, html: withAlt });
    expect(mail.text).toContain('Hallo An');
    expect(mail.text).toContain('Je hebt 42 punten.');
  });
});
