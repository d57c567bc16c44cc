/**
 * The consent rule of service messages (event messages, issue 21): a mailing with the `message` rule
 * needs no e-mail or SMS consent, but suppressions, STOP, a missing address or number and the
 * preference still keep a holder out; the default `channel` rule is unchanged.
 */
import { reachOn, type ChannelContact } from '../../src/plugins/segmentation/server/src/channels/rules';
import { fillMessageText } from '../../src/plugins/segmentation/server/src/events/message-text';

const mobile = (raw: string) => (raw.startsWith('04') ? `+32${raw.slice(1)}` : null);
const contact = (extra: Partial<ChannelContact> = {}): ChannelContact => ({
  email: 'a@mail.test',
  phone: '0475111111',
  street: null,
  postcode_raw: null,
  city: null,
  consents: '[]',
  mailing_preference: 'both',
  ...extra,
});

test('without consent: refused by the channel rule, allowed by the message rule', () => {
  expect(reachOn('email', contact(), mobile)).toEqual({ ok: false, reason: 'noEmailConsent' });
  expect(reachOn('sms', contact(), mobile)).toEqual({ ok: false, reason: 'noSmsConsent' });
  expect(reachOn('email', contact(), mobile, 'message')).toEqual({ ok: true });
  expect(reachOn('sms', contact(), mobile, 'message')).toEqual({ ok: true });
});

test('the message rule still leaves out suppressed addresses, STOP, missing contacts and a post preference', () => {
  expect(reachOn('email', contact({ emailBlocked: true }), mobile, 'message')).toEqual({ ok: false, reason: 'emailBlocked' });
  expect(reachOn('sms', contact({ smsBlocked: true }), mobile, 'message')).toEqual({ ok: false, reason: 'smsStopped' });
  expect(reachOn('email', contact({ email: null }), mobile, 'message')).toEqual({ ok: false, reason: 'noEmail' });
  expect(reachOn('sms', contact({ phone: '091234567' }), mobile, 'message')).toEqual({ ok: false, reason: 'noMobile' });
  expect(reachOn('email', contact({ mailing_preference: 'post' }), mobile, 'message')).toEqual({ ok: false, reason: 'preferenceNotEmail' });
});

test('message text: custom text and event variables become Liquid string outputs; filters stay; quotes of both kinds survive', () => {
  const values = { customText: `it's "fijn"`, eventName: 'Concert', eventStart: '', eventEnd: '', venue: '' };
  expect(fillMessageText('{{ evenement }} #CUSTOMTEXT# {{ venue | default: "Vooruit" }}', values)).toBe(
    `{{ "Concert" }} {{ "it's " }}{{ '"' }}{{ "fijn" }}{{ '"' }}{{ "" }} {{ "" | default: "Vooruit" }}`,
  );
  expect(fillMessageText('{{ voornaam }}', values)).toBe('{{ voornaam }}');
});
