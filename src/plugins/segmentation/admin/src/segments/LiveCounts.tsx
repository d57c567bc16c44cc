/** The live count panel: total, with e-mail, with phone — or why there is no count yet. */
import { Box, Flex, Loader, Typography } from '@strapi/design-system';
import type { LiveCount } from './useLiveCount';
import { useT } from '../utils/useT';

const fmt = (n: number) => n.toLocaleString('nl-BE');

/** `incomplete`: filters left out of the count because they are not complete yet. */
export function LiveCounts({ live, incomplete }: { live: LiveCount; incomplete: number }) {
  const t = useT();
  const counts = live.state === 'done' ? live.counts : live.state === 'loading' ? live.previous : undefined;
  return (
    <Box background="neutral0" padding={5} hasRadius shadow="tableShadow" aria-live="polite">
      <Typography variant="sigma" textColor="neutral600">
        {t('count.title')}
      </Typography>
      {live.state === 'invalid' ? (
        <Box paddingTop={3}>
          <Typography textColor="neutral600" data-testid="count-invalid">
            {t('count.none')}
          </Typography>
        </Box>
      ) : live.state === 'error' ? (
        <Box paddingTop={3}>
          <Typography textColor="danger600">{live.message}</Typography>
        </Box>
      ) : (
        <Flex direction="column" alignItems="stretch" gap={2} paddingTop={3}>
          <Flex gap={2} alignItems="baseline">
            <Typography variant="alpha" data-testid="count-total">
              {counts ? fmt(counts.total) : '…'}
            </Typography>
            <Typography textColor="neutral600">{t('count.holders')}</Typography>
            {live.state === 'loading' && <Loader small>{t('count.loading')}</Loader>}
          </Flex>
          <Typography data-testid="count-email">{t('count.withEmail', { n: counts ? fmt(counts.withEmail) : '…' })}</Typography>
          <Typography data-testid="count-phone">{t('count.withPhone', { n: counts ? fmt(counts.withPhone) : '…' })}</Typography>
          {incomplete > 0 && (
            <Typography variant="pi" textColor="neutral600" data-testid="count-incomplete">
              {t('count.incompleteLeftOut', { n: incomplete })}
            </Typography>
          )}
          {live.state === 'done' && (
            <Typography variant="pi" textColor="neutral500">
              {t('count.took', { ms: live.counts.tookMs })}
            </Typography>
          )}
        </Flex>
      )}
    </Box>
  );
}
