/** The preview and the test button of a letter or SMS template (an e-mail's are PreviewPanel and TestMailDialog). */
import type { LetterPayload, SmsPayload, TemplatePayload } from './api';
import { LetterPreviewPanel } from './LetterPreviewPanel';
import { SmsPreviewPanel } from './SmsPreviewPanel';
import { TestSmsDialog } from './TestSmsDialog';
import { useLetterPreview, useSmsPreview } from './useChannelPreview';

interface Props {
  channel: 'letter' | 'sms';
  template: TemplatePayload | null;
  uid: string;
  onUid: (uid: string) => void;
  nonce: number;
  onRandom: () => void;
}

const asSms = (t: TemplatePayload | null): SmsPayload | null => (t?.channel === 'sms' ? t : null);
const asLetter = (t: TemplatePayload | null): LetterPayload | null => (t?.channel === 'letter' ? t : null);

export function ChannelPreview({ channel, template, uid, onUid, nonce, onRandom }: Props) {
  // Both hooks always run (hooks cannot be conditional); the one of the other channel has no template and asks nothing.
  const sms = useSmsPreview(asSms(template), uid, nonce);
  const letter = useLetterPreview(asLetter(template), uid, nonce);
  if (channel === 'letter') return <LetterPreviewPanel preview={letter} uid={uid} onUid={onUid} onRandom={onRandom} />;
  return <SmsPreviewPanel preview={sms} uid={uid} onUid={onUid} onRandom={onRandom} />;
}

/** The header's test button: a test SMS for an SMS template; nothing for a letter (there is no test letter). */
export function channelTestButton(channel: TemplatePayload['channel'], template: TemplatePayload | null, uid: string) {
  return channel === 'sms' ? <TestSmsDialog template={asSms(template)} uid={uid || undefined} /> : null;
}
