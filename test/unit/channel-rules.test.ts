/**
 * The channel rules of issue 20 as a table: preference × e-mail × address × number × consents ×
 * the mailing's channel → the channel the holder gets, or the reasons they get none.
 */
import { assignChannel, type ChannelContact } from '../../src/plugins/segmentation/server/src/channels/rules';
import { normaliseMobile } from '../../src/plugins/segmentation/shared/phone';
import type { MailingChannel } from '../../src/plugins/segmentation/shared/channels';

const mobileOf = (raw: string) => normaliseMobile(raw, 'BE');

const ADDRESS = { street: 'Kouter 1', postcode_raw: '9000', city: 'Gent' };
const NO_ADDRESS = { street: 'Kouter 1', postcode_raw: '9000', city: ' ' };
const MOBILE = '0475 12 34 56';
const LANDLINE = '09 123 45 67';

function holder(p: {
  pref?: 'email' | 'post' | 'both' | null;
  email?: string | null;
  address?: typeof ADDRESS;
  phone?: string | null;
  consents?: string[];
}): ChannelContact {
  return {
    email: p.email === undefined ? 'an@example.be' : p.email,
    phone: p.phone === undefined ? MOBILE : p.phone,
    ...(p.address ?? ADDRESS),
    consents: JSON.stringify(p.consents ?? ['email', 'sms']),
    mailing_preference: p.pref === undefined ? 'both' : p.pref,
  };
}

type Row = [string, MailingChannel, Parameters<typeof holder>[0], string];

// Expected: a channel, or "-" followed by the reasons on each channel tried.
const TABLE: Row[] = [
  ['everything given, e-mail mailing', 'email', {}, 'email'],
  ['no stored preference counts as both', 'email', { pref: null }, 'email'],
  ['preference post: no e-mail', 'email', { pref: 'post' }, '- preferenceNotEmail'],
  ['no e-mail consent', 'email', { consents: ['sms'] }, '- noEmailConsent'],
  ['no address at all', 'email', { email: null }, '- noEmail'],
  ['an invalid address', 'email', { email: 'an@' }, '- noEmail'],
  ['post: complete address, preference both', 'post', {}, 'post'],
  ['post: preference post', 'post', { pref: 'post' }, 'post'],
  ['post: preference email', 'post', { pref: 'email' }, '- preferenceNotPost'],
  ['post: city missing', 'post', { address: NO_ADDRESS }, '- noAddress'],
  ['post needs no consent', 'post', { consents: [] }, 'post'],
  ['sms: mobile and consent', 'sms', {}, 'sms'],
  ['sms: +32 form', 'sms', { phone: '+32 475 12 34 56' }, 'sms'],
  ['sms: a landline is no mobile', 'sms', { phone: LANDLINE }, '- noMobile'],
  ['sms: garbage', 'sms', { phone: 'call me' }, '- noMobile'],
  ['sms: no number', 'sms', { phone: null }, '- noMobile'],
  ['sms: no sms consent', 'sms', { consents: ['email'] }, '- noSmsConsent'],
  ['sms ignores the mail preference', 'sms', { pref: 'post' }, 'sms'],
  ['e-mail + post: e-mail first', 'email+post', {}, 'email'],
  ['e-mail + post: preference post goes by post', 'email+post', { pref: 'post' }, 'post'],
  ['e-mail + post: no e-mail address goes by post', 'email+post', { email: null }, 'post'],
  ['e-mail + post: no consent, preference email, no post either', 'email+post', { consents: [], pref: 'email' }, '- noEmailConsent preferenceNotPost'],
  ['e-mail + post: neither', 'email+post', { email: null, address: NO_ADDRESS }, '- noEmail noAddress'],
  ['e-mail + sms: e-mail first', 'email+sms', {}, 'email'],
  ['e-mail + sms: no e-mail consent goes by sms', 'email+sms', { consents: ['sms'] }, 'sms'],
  ['e-mail + sms: preference post, mobile', 'email+sms', { pref: 'post' }, 'sms'],
  ['e-mail + sms: no e-mail, landline', 'email+sms', { email: null, phone: LANDLINE }, '- noEmail noMobile'],
  ['e-mail + sms: no consents at all', 'email+sms', { consents: [] }, '- noEmailConsent noSmsConsent'],
];

describe('channel per holder', () => {
  test.each(TABLE)('%s (%s)', (_name, mailing, input, expected) => {
    const got = assignChannel(mailing, holder(input), mobileOf);
    expect(got.channel ?? `- ${'reasons' in got ? got.reasons.join(' ') : ''}`).toBe(expected);
  });

  test('consents that are not a list count as none', () => {
    expect(assignChannel('email', { ...holder({}), consents: '{"email":true}' }, mobileOf)).toEqual({ channel: null, reasons: ['noEmailConsent'] });
    expect(assignChannel('sms', { ...holder({}), consents: 'not json' }, mobileOf)).toEqual({ channel: null, reasons: ['noSmsConsent'] });
  });
});

test('an address on the suppression list is not e-mailed; a combination takes the other channel', () => {
  const blocked = { ...holder({}), emailBlocked: true };
  expect(assignChannel('email', blocked, mobileOf)).toEqual({ channel: null, reasons: ['emailBlocked'] });
  expect(assignChannel('email+post', blocked, mobileOf)).toEqual({ channel: 'post' });
});

test('a number that answered STOP gets no SMS; e-mail + SMS then reaches the holder by e-mail only if allowed', () => {
  const stopped = { ...holder({ consents: ['sms'] }), smsBlocked: true };
  expect(assignChannel('sms', stopped, mobileOf)).toEqual({ channel: null, reasons: ['smsStopped'] });
  expect(assignChannel('email+sms', stopped, mobileOf)).toEqual({ channel: null, reasons: ['noEmailConsent', 'smsStopped'] });
});
