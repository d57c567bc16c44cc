/** A template's channel: chosen when it is made (e-mail, letter or SMS), shown afterwards. */
import { Field, Radio, Typography } from '@strapi/design-system';
import type { TemplateChannel } from './api';
import { useT } from '../utils/useT';

export const TEMPLATE_CHANNELS: TemplateChannel[] = ['email', 'letter', 'sms'];

export function ChannelChoice({ value, fixed, onChange }: { value: TemplateChannel; fixed: boolean; onChange: (c: TemplateChannel) => void }) {
  const t = useT();
  if (fixed)
    return (
      <Typography textColor="neutral600" data-testid="template-channel" data-value={value}>
        {t('mail.channel.fixed', { channel: t(`mail.channel.${value}`) })}
      </Typography>
    );
  return (
    <Field.Root name="channel" hint={t('mail.channel.hint')}>
      <Field.Label>{t('mail.channel.label')}</Field.Label>
      <Radio.Group value={value} onValueChange={(v: string) => onChange(v as TemplateChannel)} aria-label={t('mail.channel.label')}>
        {TEMPLATE_CHANNELS.map((c) => (
          <Radio.Item key={c} value={c}>
            {t(`mail.channel.${c}`)}
          </Radio.Item>
        ))}
      </Radio.Group>
      <Field.Hint />
    </Field.Root>
  );
}
