/**
 * Previews and tests of SMS and letter templates (issue 20), beside the mail previews of
 * service.ts: an SMS as it will arrive (with the opt-out line) and its parts; a letter as a one-page
 * PDF for a chosen or random holder; test SMS to typed numbers with `[TEST]` in front, limited per
 * user like test mails.
 */
import type { Core } from '@strapi/strapi';
import type { Writable } from 'stream';
import { errors } from '@strapi/utils';
import type { TemplateInput } from '../../../shared/template';
import { normaliseMobile } from '../../../shared/phone';
import { smsParts } from '../../../shared/sms';
import { SlidingWindow } from '../common/rate-limit';
import { validationError, type Problem } from '../common/errors';
import { scopeWithin, type Scope } from '../common/scope';
import { pluginConfig } from '../config';
import { compileSms } from '../campaigns/sms-text';
import { writeLetters } from '../post/letters';
import { compileLetterTemplate } from '../post/letter-template';
import { houseStyleOf } from './house-styles';
import { getService } from '../services';
import type { Personalise } from './service';

const TEST_WINDOW_MS = 10 * 60_000;
const MAX_NUMBERS = 10;

const wrongChannel = (channel: string) =>
  validationError(`This is not a ${channel} template`, [{ path: ['template', 'channel'], message: `Expected a ${channel} template` }]);

export function channelPreviews(strapi: Core.Strapi) {
  const templates = () => getService(strapi, 'templates');
  const limits = new SlidingWindow(pluginConfig(strapi).testMailsPer10Minutes, TEST_WINDOW_MS);
  const optOut = () => {
    const sms = pluginConfig(strapi).sms;
    return sms.optOut.split('{from}').join(sms.from);
  };

  async function smsFor(t: TemplateInput, p: Personalise, scope: Scope, prefix = '') {
    if (t.channel !== 'sms') throw wrongChannel('sms');
    await templates().validate(t);
    const { content } = await templates().content(t);
    const recipient = await templates().recipient(p, scope);
    const text = compileSms(content, optOut(), prefix)(recipient);
    return { recipient, text, parts: smsParts(text) };
  }

  return {
    /** The SMS for a holder, with the opt-out line, and how many parts it takes. */
    sms: (t: TemplateInput, p: Personalise, scope: Scope, cardSystem: string | null | undefined) => smsFor(t, p, scopeWithin(scope, cardSystem)),

    /** One letter as a PDF for a holder (their address from the register). */
    async letter(t: TemplateInput, p: Personalise, scope: Scope, cardSystem: string | null | undefined, out: Writable) {
      if (t.channel !== 'letter') throw wrongChannel('letter');
      await templates().validate(t);
      const { content } = await templates().content(t);
      const recipient = await templates().recipient(p, scopeWithin(scope, cardSystem));
      const address = (await strapi.db.connection('seg_holders').where({ uid: recipient.uid }).first('street', 'postcode_raw', 'city')) as Record<
        string,
        string | null
      >;
      const letter = compileLetterTemplate({ subject: t.subject, body: t.body ?? '', signature: t.signature }).render({
        ...recipient,
        street: address.street ?? '',
        postcode: address.postcode_raw ?? '',
        city: address.city ?? '',
      });
      const [name = '', ...lines] = (t.senderBlock ?? '').split('\n').map((l) => l.trim());
      return () =>
        writeLetters(out, [letter], {
          houseStyle: content.style ?? houseStyleOf(t.houseStyle),
          sender: { name, lines: lines.filter(Boolean) },
          place: t.place ?? '',
          date: new Date(),
          language: t.language,
        });
    },

    /** Test SMS to the typed numbers (each a mobile number, else a 400 naming it), `[TEST]` in front. */
    async testSms(t: TemplateInput, numbers: string[], p: Personalise, scope: Scope, cardSystem: string | null | undefined, userKey: string) {
      const region = pluginConfig(strapi).sms.defaultRegion;
      const problems: Problem[] = [];
      const to = numbers.map((n, j) => {
        const e164 = normaliseMobile(n, region);
        if (!e164) problems.push({ path: ['numbers', j], message: `'${n}' is not a mobile number`, code: 'template.mobile', params: { number: n } });
        return e164;
      });
      if (numbers.length === 0) problems.push({ path: ['numbers'], message: 'Give at least one number', code: 'template.required' });
      if (numbers.length > MAX_NUMBERS)
        problems.push({ path: ['numbers'], message: `At most ${MAX_NUMBERS} numbers per test`, code: 'template.tooManyNumbers', params: { max: MAX_NUMBERS } });
      if (problems.length) throw validationError(problems.map((x) => x.message).join('; '), problems);
      const sms = getService(strapi, 'sms');
      if (!sms.enabled())
        throw validationError('SMS is not set up (SMS_PROVIDER)', [
          { path: ['numbers'], message: 'No SMS gateway is configured', code: 'template.smsNotSetUp' },
        ]);
      const { text, parts } = await smsFor(t, p, scopeWithin(scope, cardSystem), '[TEST] ');
      const unique = [...new Set(to as string[])];
      if (limits.take(userKey, unique.length) < 0) throw new errors.RateLimitError('Too many test messages: try again in a few minutes');
      for (const number of unique) await sms.send({ to: number, text, reference: `test:${userKey}` });
      return { sent: unique.length, text, parts };
    },
  };
}
