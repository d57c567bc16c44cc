/**
 * The `sms` service (issue 20): sends through the provider chosen in the plugin's config
 * (`segmentation.sms.provider`), built on first use and closed when Strapi stops, like Strapi's
 * email plugin with its providers. `send` resolves once the gateway accepted the SMS (its message
 * ids) and rejects with an SmsError, `permanent` or not, for a sending worker to act on.
 */
import type { Core } from '@strapi/strapi';
import { pluginConfig, type PluginConfig } from '../config';
import { normaliseMobile } from '../../../shared/phone';
import { splitSms } from '../../../shared/sms';
import { RateGate } from './limits';
import { SmsError, type DeliveryReceipt, type InboundSms, type SmsMessage, type SmsProvider, type SmsSent, type Unsubscribe } from './provider';
import { HttpSmsProvider, SmsCallbackError } from './providers/http';
import { SmppProvider } from './providers/smpp';

export type SmsSettings = PluginConfig['sms'];

/** The provider `settings` ask for; null when SMS is off. */
export function makeProvider(settings: SmsSettings): SmsProvider | null {
  if (settings.provider === 'smpp') return new SmppProvider(settings.smpp);
  if (settings.provider === 'http') return new HttpSmsProvider(settings.http);
  return null;
}

/** An SMS to send: `to` as typed (normalised here), `from` the configured sender unless given. */
export type OutgoingSms = Omit<SmsMessage, 'from'> & { from?: string };

export function smsService(settings: SmsSettings, make: (settings: SmsSettings) => SmsProvider | null = makeProvider) {
  let current: SmsProvider | null = null;
  const gate = new RateGate(settings.rate);
  const listeners: Array<(provider: SmsProvider) => Unsubscribe> = [];

  const service = {
    /** Whether a provider is configured. */
    enabled: (): boolean => settings.provider !== 'none',

    /** The configured provider, made on first use. */
    provider(): SmsProvider {
      if (current) return current;
      current = make(settings);
      if (!current) throw new SmsError('SMS is off (segmentation.sms.provider is none; set SMS_PROVIDER)', false, 'SMS_OFF');
      for (const listen of listeners) listen(current);
      return current;
    },

    /** Sends one SMS; the number must be a valid mobile number (else a permanent error). */
    async send(msg: OutgoingSms): Promise<SmsSent> {
      const to = normaliseMobile(msg.to, settings.defaultRegion);
      if (!to) throw new SmsError(`Not a mobile number: ${JSON.stringify(msg.to)}`, true, 'INVALID_NUMBER');
      if (!msg.text) throw new SmsError('The SMS has no text', true, 'EMPTY');
      const provider = service.provider();
      // Gateways count every part, so the rate does too.
      await gate.take(splitSms(msg.text).length);
      return provider.send({ ...msg, to, from: msg.from ?? settings.from });
    },

    /** Connects the provider ahead of the first send (SMPP: binds), so replies arrive. */
    async open(): Promise<void> {
      await service.provider().open?.();
    },

    /** Listens to delivery receipts (also of a provider made later). */
    onReceipt(cb: (receipt: DeliveryReceipt) => void): void {
      listeners.push((provider) => provider.onReceipt(cb));
      if (current) current.onReceipt(cb);
    },

    onInbound(cb: (sms: InboundSms) => void): void {
      listeners.push((provider) => provider.onInbound(cb));
      if (current) current.onInbound(cb);
    },

    /** A callback of the HTTP gateway (raw body, X-Sms-Signature header); throws SmsCallbackError (401/400) when refused. */
    handleCallback(body: string | Buffer, signature: string | undefined) {
      const provider = settings.provider === 'http' ? service.provider() : null;
      if (!(provider instanceof HttpSmsProvider)) throw new SmsCallbackError('SMS callbacks need the http provider', 400);
      return provider.handleCallback(body, signature);
    },

    /** Closes the provider (Strapi's destroy). */
    async destroy(): Promise<void> {
      const provider = current;
      current = null;
      await provider?.close();
    },
  };
  return service;
}

export default ({ strapi }: { strapi: Core.Strapi }) => smsService(pluginConfig(strapi).sms);
