/**
 * "Mailingadressen", the counts of a generated audience: total and with e-mail, what each step added
 * and removed, the holders left out as earlier recipients of the wave group, the manual steps with
 * their reason (and whether they still change anything), and the segments changed since generating.
 */
import { Alert, Badge, Box, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import type { Audience, Generated } from './api';
import { ChannelCounts } from './ChannelCounts';
import type { MailingChannel } from '../channels/labels';
import { fmtNumber } from '../campaigns/format';
import { fmtBrussels } from '../holders/api';
import { HolderLink } from '../holders/HolderLink';
import { useT } from '../utils/useT';

interface Props {
  audience: Audience;
  generated: Generated;
  label: (index: number) => string;
  generating: boolean;
  canWrite: boolean;
  onGenerate: () => void;
  /** The mailing's channel now (the counts are of the channel it was generated for). */
  channel?: MailingChannel | null;
}

export function ReviewPanel({ audience, generated, label, generating, canWrite, onGenerate, channel }: Props) {
  const t = useT();
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      {generated.changedSegments.map((c) => (
        <Alert
          key={c.step}
          variant="warning"
          title={t('audience.changed.title')}
          closeLabel={t('audience.close')}
          data-testid="changed-segment"
          action={
            canWrite ? (
              <Button variant="secondary" size="S" startIcon={<ArrowClockwise />} loading={generating} onClick={onGenerate}>
                {t('audience.generateAgain')}
              </Button>
            ) : undefined
          }
        >
          {t('audience.changed.text', { name: c.name, before: fmtNumber(c.before), now: fmtNumber(c.now) })}
        </Alert>
      ))}
      <Flex gap={6} alignItems="baseline" wrap="wrap">
        <Typography variant="alpha" data-testid="audience-total" data-value={generated.total}>
          {fmtNumber(generated.total)}
        </Typography>
        <Typography textColor="neutral600">{t('audience.review.holders')}</Typography>
        <Typography data-testid="audience-email" data-value={generated.withEmail}>
          {t('audience.review.withEmail', { n: fmtNumber(generated.withEmail) })}
        </Typography>
        <Typography textColor="neutral600">{t('audience.review.at', { date: fmtBrussels(generated.at) })}</Typography>
      </Flex>
      {generated.channels && <ChannelCounts channel={generated.channel ?? 'email'} counts={generated.channels} current={channel} />}
      {generated.leftOutEarlier > 0 && (
        <Typography data-testid="left-out-earlier" data-value={generated.leftOutEarlier}>
          {t('audience.review.leftOutEarlier', { n: fmtNumber(generated.leftOutEarlier), group: audience.waveGroup ?? '' })}
        </Typography>
      )}
      <Table colCount={3} rowCount={audience.steps.length + audience.manual.length + 1}>
        <Thead>
          <Tr>
            {['step', 'added', 'removed'].map((c) => (
              <Th key={c}>
                <Typography variant="sigma">{t(`audience.review.${c}`)}</Typography>
              </Th>
            ))}
          </Tr>
        </Thead>
        <Tbody>
          {audience.steps.map((s) => (
            <Tr key={`s${s.index}`} data-testid={`review-step-${s.index}`} data-added={s.added} data-removed={s.removed}>
              <Td>
                <Typography>{`${t(`audience.mode.${s.mode}`)} · ${label(s.index)}`}</Typography>
              </Td>
              <Td>
                <Typography>{fmtNumber(s.added)}</Typography>
              </Td>
              <Td>
                <Typography>{fmtNumber(s.removed)}</Typography>
              </Td>
            </Tr>
          ))}
          {audience.manual.map((m) => (
            <Tr key={`m${m.index}`} data-testid="review-manual" data-uid={m.uid}>
              <Td>
                <Flex gap={2} wrap="wrap">
                  <Typography>{t(`audience.manual.${m.mode}`)}</Typography>
                  <HolderLink uid={m.uid} />
                  {m.reason && <Typography textColor="neutral600">{t('audience.manual.reason', { reason: m.reason })}</Typography>}
                  {m.noEffect && <Badge data-testid="no-effect">{t('audience.manual.noEffect')}</Badge>}
                </Flex>
              </Td>
              <Td>
                <Typography>{fmtNumber(m.added)}</Typography>
              </Td>
              <Td>
                <Typography>{fmtNumber(m.removed)}</Typography>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      <Box>
        <Typography variant="pi" textColor="neutral600">
          {t('audience.review.fixed')}
        </Typography>
      </Box>
    </Flex>
  );
}
