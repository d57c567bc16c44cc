/** The numbers of a confirmation: selected, each exclusion with its reason, holdout, recipients. */
import { Box, Flex, Typography } from '@strapi/design-system';
import type { Confirmation } from './api';
import { fmtNumber } from './format';
import { useT } from '../utils/useT';

/** The reasons the server gives, in this order; any other reason is shown after them, by its key. */
const REASONS = ['noEmail', 'noConsent', 'unsubscribed', 'bounced', 'duplicate', 'recentlyMailed'];

function Row({ label, n, testId, strong, minus }: { label: string; n: number; testId: string; strong?: boolean; minus?: boolean }) {
  return (
    <Flex justifyContent="space-between" gap={4} data-testid={testId} data-value={n}>
      <Typography fontWeight={strong ? 'bold' : undefined} textColor={n === 0 && minus ? 'neutral500' : undefined}>
        {label}
      </Typography>
      <Typography
        fontWeight={strong ? 'bold' : undefined}
        textColor={n === 0 && minus ? 'neutral500' : undefined}
      >{`${minus ? '− ' : ''}${fmtNumber(n)}`}</Typography>
    </Flex>
  );
}

export function ConfirmationNumbers({ confirmation: c }: { confirmation: Confirmation }) {
  const t = useT();
  const label = (reason: string) => {
    const id = `campaign.excluded.${reason}`;
    const text = t(id);
    return text === id ? reason : text;
  };
  const reasons = [...REASONS.filter((r) => r in c.excluded), ...Object.keys(c.excluded).filter((r) => !REASONS.includes(r))];
  return (
    <Box background="neutral100" padding={4} hasRadius>
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Row label={t('campaign.confirm.selected')} n={c.selected} testId="confirm-selected" strong />
        {reasons.map((r) => (
          <Row key={r} label={label(r)} n={c.excluded[r] ?? 0} testId={`confirm-excluded-${r}`} minus />
        ))}
        {c.holdout > 0 && <Row label={t('campaign.confirm.holdout')} n={c.holdout} testId="confirm-holdout" minus />}
        <Box borderColor="neutral300" borderStyle="solid" borderWidth="1px 0 0 0" paddingTop={2}>
          <Row label={t('campaign.confirm.recipients')} n={c.recipients} testId="confirm-recipients" strong />
        </Box>
      </Flex>
    </Box>
  );
}
