/**
 * The channels of a mailing in words (issue 20): a mailing's channel ("E-mail, anders brief"), one
 * channel ("Brief"), and why a holder cannot be reached on one ("Geen e-mailadres").
 */
import { channelsOf, mailingChannelOf, MAILING_CHANNELS, type Channel, type MailingChannel } from '../../../shared/channels';
import { useT } from '../utils/useT';

export { channelsOf, mailingChannelOf, MAILING_CHANNELS };
export type { Channel, MailingChannel };

export function useChannelWords() {
  const t = useT();
  return {
    mailing: (c: MailingChannel) => t(`channel.mailing.${c}`),
    channel: (c: Channel | 'none') => t(`channel.name.${c}`),
    /** A reason key of the server; an unknown one as it is. */
    reason: (r: string) => {
      const id = `channel.reason.${r}`;
      const text = t(id);
      return text === id ? r : text;
    },
  };
}
