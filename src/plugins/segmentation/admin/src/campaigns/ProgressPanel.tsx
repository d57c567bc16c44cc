/** The live progress of a started campaign: a bar of done / total, sent, failed, queued, rate and ETA. */
import { useEffect } from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';
import type { Campaign } from './api';
import { Bar } from './Bar';
import { fmtDuration, fmtNumber, LOCALE } from './format';
import { useProgress, useRate } from './useProgress';
import { useT } from '../utils/useT';
import { isActive, STATUS } from '../../../shared/campaign-lifecycle';

interface Props {
  campaign: Campaign;
  /** Called when the progress reports another status than the campaign shows (e.g. sending → sent). */
  onStatusChange: () => void;
}

export function ProgressPanel({ campaign, onStatusChange }: Props) {
  const t = useT();
  const progress = useProgress(campaign.documentId, campaign.status);
  const rate = useRate(progress);
  useEffect(() => {
    if (progress && progress.status !== campaign.status) onStatusChange();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs only when the values listed change
  }, [progress?.status]);

  if (!progress) return null;
  const percent = progress.total > 0 ? Math.min(100, Math.round((100 * progress.done) / progress.total)) : 0;
  return (
    <Box
      background="neutral0"
      padding={6}
      shadow="filterShadow"
      hasRadius
      data-testid="progress-panel"
      data-status={progress.status}
      data-done={progress.done}
      data-total={progress.total}
    >
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Flex justifyContent="space-between">
          <Typography variant="delta" tag="h2">
            {t(`campaign.progress.title.${progress.status}`)}
          </Typography>
          <Typography fontWeight="bold" data-testid="progress-percent">{`${percent} %`}</Typography>
        </Flex>
        <Bar label={t('campaign.progress.label')} total={progress.total} sent={progress.sent} failed={progress.failed} />
        <Flex gap={6} wrap="wrap">
          <Typography data-testid="progress-sent">
            {t('campaign.progress.sent', { sent: fmtNumber(progress.sent), total: fmtNumber(progress.total) })}
          </Typography>
          <Typography textColor={progress.failed > 0 ? 'danger600' : 'neutral600'} data-testid="progress-failed">
            {t('campaign.progress.failed', { n: fmtNumber(progress.failed) })}
          </Typography>
          <Typography textColor="neutral600" data-testid="progress-queued">
            {t('campaign.progress.queued', { n: fmtNumber(progress.queued) })}
          </Typography>
          {progress.status === STATUS.cancelled && (
            <Typography textColor="neutral600" data-testid="progress-cancelled">
              {t('campaign.progress.cancelled', { n: fmtNumber(Math.max(0, progress.total - progress.done - progress.queued)) })}
            </Typography>
          )}
          {isActive(progress.status) && rate.perSecond > 0 && (
            <Typography textColor="neutral600" data-testid="progress-rate">
              {t('campaign.progress.rate', { rate: rate.perSecond.toLocaleString(LOCALE, { maximumFractionDigits: 1 }), eta: fmtDuration(rate.etaSeconds) })}
            </Typography>
          )}
        </Flex>
      </Flex>
    </Box>
  );
}
