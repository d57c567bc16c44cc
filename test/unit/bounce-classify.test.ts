/**
 * Bounce classification (server/src/bounces) over a corpus of real-format samples in
 * test/fixtures/bounces: delivery status notifications of Postfix, Exim, Exchange, Gmail and
 * Outlook, a plain old-style bounce, an abuse report (ARF), out-of-office and auto-replies in
 * several languages, and a person's reply. Every sample is classified as expected, and no
 * auto-reply is ever a bounce or a complaint — even one that quotes an SMTP error.
 */
import fs from 'fs';
import path from 'path';
import { classify } from '../../src/plugins/segmentation/server/src/bounces/classify';
import { severityOf, statusIn } from '../../src/plugins/segmentation/server/src/bounces/status';
import { deliveryOfToken, returnPathOf, tokenOfAddress, verpToken } from '../../src/plugins/segmentation/server/src/bounces/verp';

const DIR = path.join(__dirname, '..', 'fixtures', 'bounces');
const expected = JSON.parse(fs.readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as Record<string, Record<string, string>>;
const VERP = 'bounces+2s-k5xq7m2ha4c3vdw6@bounce.uitpas.test';

test('the corpus has a sample of every kind', () => {
  const kinds = new Set(Object.values(expected).map((e) => e.kind));
  expect([...kinds].sort()).toEqual(['autoreply', 'bounce', 'complaint', 'delayed', 'delivered', 'unknown']);
  expect(
    fs
      .readdirSync(DIR)
      .filter((f) => f.endsWith('.eml'))
      .sort(),
  ).toEqual(Object.keys(expected).sort());
});

test.each(Object.entries(expected))('%s is classified as expected', async (file, want) => {
  const report = await classify(fs.readFileSync(path.join(DIR, file)));
  const { envelopeId, ...rest } = want;
  expect(report.classification).toMatchObject(rest);
  if (envelopeId) expect(report.envelopeId).toBe(envelopeId);
  // Each sample names our per-delivery return path somewhere: where the mail is recognised.
  expect(report.addresses).toContain(VERP);
});

test('auto-replies never count as a bounce or complaint, whatever their text says', async () => {
  const autos = Object.entries(expected).filter(([, e]) => e.kind === 'autoreply');
  expect(autos.length).toBeGreaterThanOrEqual(5);
  for (const [file] of autos) {
    const { classification } = await classify(fs.readFileSync(path.join(DIR, file)));
    expect([file, classification.kind]).toEqual([file, 'autoreply']);
  }
});

test('a returned mail gives its headers: the campaign and the return path it was sent with', async () => {
  const report = await classify(fs.readFileSync(path.join(DIR, 'postfix-hard.eml')));
  expect(report.original['x-uitpas-campaign']).toEqual(['42']);
  expect(report.original['message-id']).toEqual(['<a1b2c3@uitpas.test>']);
});

test.each([
  ['5.1.1', '550 5.1.1 user unknown', 'hard'],
  ['5.2.2', '552 5.2.2 mailbox full', 'soft'],
  ['4.2.2', '452 4.2.2 over quota', 'soft'],
  ['5.7.1', '550 5.7.1 rejected', 'blocked'],
  ['4.7.0', '421 4.7.0 try again later', 'blocked'],
  ['5.0.0', '550 5.0.0 blocked using Spamhaus', 'blocked'],
  ['5.0.0', '550 5.0.0 mailbox unavailable', 'hard'],
  [null, '550 Unrouteable address', 'hard'],
  [null, '451 Temporary local problem', 'soft'],
  [null, 'no code at all', 'soft'],
  ['2.0.0', '250 ok', null],
])('status %s with "%s" is %s', (status, diagnostic, severity) => {
  expect(severityOf(status, diagnostic)).toBe(severity);
});

test('the enhanced status code is found inside a reply text', () => {
  expect(statusIn('550-5.1.1 The email account that you tried to reach does not exist')).toBe('5.1.1');
  expect(statusIn('550 Unrouteable address')).toBeNull();
});

describe('VERP tokens', () => {
  const secret = 'geheim';
  const path = { prefix: 'bounces', domain: 'bounce.uitpas.test' };

  test('a token names its delivery and fits a local part in lower case', () => {
    for (const id of [1, 42, 123_456_789, 2 ** 40]) {
      const token = verpToken(secret, id);
      expect(token).toMatch(/^[0-9a-z-]+$/);
      expect(`bounces+${token}`.length).toBeLessThanOrEqual(64);
      expect(deliveryOfToken(secret, token)).toBe(id);
      expect(deliveryOfToken(secret, token.toUpperCase())).toBe(id); // a server that upper-cases
    }
  });

  test('an altered, made-up or foreign token is refused', () => {
    const token = verpToken(secret, 42);
    const [id, mac] = token.split('-') as [string, string];
    expect(deliveryOfToken(secret, `${(43).toString(36)}-${mac}`)).toBeNull(); // another delivery, same signature
    expect(deliveryOfToken(secret, `${id}-${mac.slice(0, -1)}${mac.endsWith('a') ? 'b' : 'a'}`)).toBeNull();
    expect(deliveryOfToken('another secret', token)).toBeNull();
    expect(deliveryOfToken(secret, 'garbage')).toBeNull();
    expect(deliveryOfToken(secret, `${id}-${mac}x`)).toBeNull();
  });

  test('the return path carries the token and gives it back; other addresses give none', () => {
    const address = returnPathOf(path, secret, 7);
    expect(address).toBe(`bounces+${verpToken(secret, 7)}@bounce.uitpas.test`);
    expect(tokenOfAddress(path, address.toUpperCase())).toBe(verpToken(secret, 7));
    expect(tokenOfAddress(path, 'bounces+abc@elsewhere.test')).toBeNull();
    expect(tokenOfAddress(path, 'info@bounce.uitpas.test')).toBeNull();
  });
});
