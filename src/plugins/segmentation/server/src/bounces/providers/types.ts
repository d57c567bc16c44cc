/** What a provider's webhook says about one of our mails, in the classifier's terms. */
import type { Classification } from '../classify';

export interface ProviderNotice {
  /** Our signed delivery token, where the provider gives back the metadata we sent it. */
  token: string | null;
  /** The mail's Message-ID, where the provider gives back ours. */
  messageId: string | null;
  classification: Classification;
  /** Identifies this notice among the provider's (a retried webhook counts once). */
  id: string;
}

/** A webhook call that is not the provider's: 401 (bad or missing authentication) or 400 (not its payload). */
export class WebhookError extends Error {
  constructor(
    readonly status: 400 | 401,
    message: string,
  ) {
    super(message);
  }
}

export const recipient = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : null);
