/** Tracking pieces without a server: signed tokens, link rewriting, machine opens, links by their template form. */
import { signToken, verifyToken } from '../../src/plugins/segmentation/server/src/tracking/tokens';
import { trackHtml } from '../../src/plugins/segmentation/server/src/tracking/links';
import { isMachineOpen } from '../../src/plugins/segmentation/server/src/tracking/machine';
import { linkForms, templateFormOf } from '../../src/plugins/segmentation/server/src/tracking/link-forms';

const SECRET = 'test-secret';
const urls = {
  base: 'https://tool.test',
  secret: SECRET,
  deliveryId: 7,
  campaignId: 3,
  sentAt: 1_000,
  unsubscribeUrl: 'https://tool.test/api/segmentation/unsubscribe/x',
};
const tokenOf = (url: string) => url.split('/').pop()!;

describe('signed tokens', () => {
  const token = signToken(SECRET, { k: 'open', d: 7 });
  test('a valid token gives its payload; another kind, secret or an altered token does not', () => {
    expect(verifyToken(SECRET, token, 'open')).toMatchObject({ d: 7 });
    expect(verifyToken(SECRET, token, 'click')).toBeNull();
    expect(verifyToken('other', token, 'open')).toBeNull();
    const [body, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ k: 'open', d: 8 })).toString('base64url');
    expect(verifyToken(SECRET, `${forged}.${sig}`, 'open')).toBeNull();
    expect(verifyToken(SECRET, `${body}.${sig!.slice(0, -1)}${sig!.endsWith('A') ? 'B' : 'A'}`, 'open')).toBeNull();
    expect(verifyToken(SECRET, `${token}.x`, 'open')).toBeNull();
  });
  test('an expired token does not verify', () => {
    const t = signToken(SECRET, { k: 'sender', exp: 100 });
    expect(verifyToken(SECRET, t, 'sender', 99_000)).not.toBeNull();
    expect(verifyToken(SECRET, t, 'sender', 101_000)).toBeNull();
  });
});

describe('trackHtml', () => {
  const html =
    '<html><body><a href="https://uitpas.be/a?x=1&amp;y=2">A</a><a href="mailto:info@uitpas.be">M</a>' +
    `<a href="${urls.unsubscribeUrl}">U</a><a class="b" href="http://example.be">B</a></body></html>`;
  const out = trackHtml(html, urls);
  const hrefs = [...out.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  test('http(s) links go through the signed click redirect, with the decoded URL signed in', () => {
    expect(hrefs[0]).toMatch(/^https:\/\/tool\.test\/api\/segmentation\/t\/c\//);
    expect(verifyToken(SECRET, tokenOf(hrefs[0]!), 'click')).toMatchObject({ d: 7, c: 3, t: 1_000, u: 'https://uitpas.be/a?x=1&y=2' });
    expect(verifyToken(SECRET, tokenOf(hrefs[3]!), 'click')).toMatchObject({ u: 'http://example.be' });
  });
  test('mailto and the unsubscribe link stay as they are', () => {
    expect(hrefs[1]).toBe('mailto:info@uitpas.be');
    expect(hrefs[2]).toBe(urls.unsubscribeUrl);
  });
  test('one open pixel, just before </body>', () => {
    expect(out.match(/\/t\/o\//g)).toHaveLength(1);
    expect(out).toMatch(/<img src="https:\/\/tool\.test\/api\/segmentation\/t\/o\/[^"]+"[^>]*\/><\/body>/);
  });
});

describe('machine opens', () => {
  const browser = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)';
  test('prefetchers by user agent: Apple privacy proxy, scanners, scripts, none at all', () => {
    for (const ua of ['Mozilla/5.0', 'curl/8.0', 'python-requests/2.31', 'Mimecast', '', undefined]) expect(isMachineOpen(ua, undefined, null)).toBe(true);
    expect(isMachineOpen(browser, undefined, null)).toBe(false);
    expect(isMachineOpen('Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)', undefined, null)).toBe(false);
  });
  test('within the given seconds of sending it is a machine, after that a person', () => {
    expect(isMachineOpen(browser, undefined, 1_000, 10_999, 10)).toBe(true);
    expect(isMachineOpen(browser, undefined, 1_000, 11_000, 10)).toBe(false);
    expect(isMachineOpen(browser, undefined, 1_000, 1_001, 0)).toBe(false);
  });
});

describe('links by their template form', () => {
  const html = (body: string) => ({ format: 'html' as const, html: `<html><body>${body}<a href="{{ unsubscribeUrl }}">U</a></body></html>` });
  test('a personalised link maps back to its form; the most literal form wins; entities are decoded as in trackHtml', () => {
    const forms = linkForms(
      html(
        '<a href="https://x.be/p?u={{ uid }}&amp;s=1">A</a><a href="https://x.be/p?u={{ uid }}">B</a><a href="mailto:a@b.be">M</a><a href="https://x.be/">C</a>',
      ),
    );
    expect(forms.map((f) => f.form)).toEqual(['https://x.be/p?u={{ uid }}&s=1', 'https://x.be/p?u={{ uid }}', 'https://x.be/']);
    expect(templateFormOf(forms, 'https://x.be/p?u=h01&s=1')).toBe('https://x.be/p?u={{ uid }}&s=1');
    expect(templateFormOf(forms, 'https://x.be/p?u=h01')).toBe('https://x.be/p?u={{ uid }}');
    expect(templateFormOf(forms, 'https://x.be/')).toBe('https://x.be/');
  });
  test('a condition inside a link is one wildcard; a quote inside a tag does not end the attribute', () => {
    const forms = linkForms(html('<a href="https://x.be/{% if points > 10 %}rijk{% else %}{{ firstName | append: "-" }}arm{% endif %}?a=1">A</a>'));
    expect(forms).toHaveLength(1);
    expect(templateFormOf(forms, 'https://x.be/rijk?a=1')).toBe(forms[0]!.form);
    expect(templateFormOf(forms, 'https://x.be/An-arm?a=1')).toBe(forms[0]!.form);
  });
  test('a house-style mail: its button; a URL from nowhere in the template shows only its origin', () => {
    const forms = linkForms({ format: 'house', buttonUrl: ' https://uitpas.be/kamp?uid={{ uid }} ' });
    expect(templateFormOf(forms, 'https://uitpas.be/kamp?uid=h01')).toBe('https://uitpas.be/kamp?uid={{ uid }}');
    expect(templateFormOf(forms, 'https://elders.be/h01')).toBe('https://elders.be/…');
    expect(templateFormOf([], 'https://uitpas.be/kamp?uid=h01')).toBe('https://uitpas.be/…');
  });
});
