/**
 * Under the SMS text: characters and parts with the encoding (GSM-7: 160, or 153 a part; UCS-2: 70,
 * or 67 a part), the characters that make it UCS-2, those that count double, a warning when
 * personalisation may cost a part more, and that the opt-out line is added to every SMS.
 */
import { Alert, Badge, Flex, Typography } from '@strapi/design-system';
import { codePoint, countSms } from './sms-count';
import { useT } from '../utils/useT';

export function SmsCounter({ text }: { text: string }) {
  const t = useT();
  const c = countSms(text);
  return (
    <Flex
      direction="column"
      alignItems="stretch"
      gap={2}
      data-testid="sms-counter"
      data-parts={c.segments}
      data-encoding={c.encoding}
      data-characters={c.characters}
    >
      <Flex gap={3} wrap="wrap">
        <Typography fontWeight="bold" data-testid="sms-parts">
          {t('mail.sms.parts', { n: c.segments })}
        </Typography>
        <Typography data-testid="sms-characters">{t('mail.sms.characters', { n: c.characters, per: c.perSegment })}</Typography>
        <Badge data-testid="sms-encoding">{c.encoding}</Badge>
      </Flex>
      {c.encoding === 'UCS-2' && (
        <Alert variant="warning" title={t('mail.sms.ucs2Title')} closeLabel={t('mail.close')} data-testid="sms-ucs2">
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <Typography>{t('mail.sms.ucs2')}</Typography>
            <Flex gap={1} wrap="wrap">
              {c.ucs2Characters.map((ch) => (
                <Badge key={ch} backgroundColor="danger100" textColor="danger700" data-testid="sms-ucs2-char" title={codePoint(ch)}>
                  {`${ch} ${codePoint(ch)}`}
                </Badge>
              ))}
            </Flex>
          </Flex>
        </Alert>
      )}
      {c.encoding === 'GSM-7' && c.doubled.length > 0 && (
        <Typography variant="pi" textColor="neutral600" data-testid="sms-doubled">
          {t('mail.sms.doubled', { chars: c.doubled.join(' ') })}
        </Typography>
      )}
      {c.mayGrow && (
        <Alert variant="warning" title={t('mail.sms.growTitle')} closeLabel={t('mail.close')} data-testid="sms-may-grow">
          {t('mail.sms.grow', { room: Math.max(0, c.roomWithoutTags ?? 0) })}
        </Alert>
      )}
      <Typography variant="pi" textColor="neutral600" data-testid="sms-opt-out">
        {t('mail.sms.optOut')}
      </Typography>
    </Flex>
  );
}
