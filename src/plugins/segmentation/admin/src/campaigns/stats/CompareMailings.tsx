/**
 * Two mailings side by side (issue 22): choose another mailing the user may see (the campaigns list
 * is the partner's own) and read both mailings' key figures next to each other, on the bases of the
 * cards (shared/report.ts `reportRates`, computed by the server's statistics).
 */
import { useEffect, useState } from 'react';
import { Box, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useCampaignsApi, type Campaign, type Stats } from '../api';
import { fmtNumber, fmtPct } from '../format';
import { useT } from '../../utils/useT';

/** A figure of a mailing: its count and its percentage (with what that is of), or a count alone. */
interface Figure {
  key: string;
  of?: string;
  value: (s: Stats) => { n: number; pct?: number | null };
}

export const FIGURES: Figure[] = [
  { key: 'sent', value: (s) => ({ n: s.verstuurd }) },
  { key: 'delivered', of: 'campaign.stats.ofSent', value: (s) => s.delivered },
  { key: 'opened', of: 'campaign.stats.ofDelivered', value: (s) => s.opened },
  { key: 'clicked', of: 'campaign.stats.ofOpened', value: (s) => ({ n: s.clicked.n, pct: s.clicked.clickToOpen }) },
  { key: 'bounced', of: 'campaign.stats.ofSent', value: (s) => s.bounced },
  { key: 'blocked', of: 'campaign.stats.ofSent', value: (s) => s.blocked },
  { key: 'unsubscribed', of: 'campaign.stats.ofDelivered', value: (s) => s.unsubscribed },
  { key: 'spam', of: 'campaign.stats.ofDelivered', value: (s) => s.spam },
];

function Value({ stats, figure, testId }: { stats: Stats; figure: Figure; testId: string }) {
  const v = figure.value(stats);
  return (
    <Typography data-testid={testId} data-value={v.n}>
      {fmtNumber(v.n)}
      {v.pct !== undefined ? ` (${fmtPct(v.pct)})` : ''}
    </Typography>
  );
}

export function CompareMailings({ stats }: { stats: Stats }) {
  const api = useCampaignsApi();
  const t = useT();
  const current = stats.campaign.documentId;
  const [choices, setChoices] = useState<Campaign[]>([]);
  const [other, setOther] = useState('');
  const [otherStats, setOtherStats] = useState<Stats | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    api.list().then(
      (all) => setChoices(all.filter((c) => c.documentId !== current && c.startedAt)),
      () => setChoices([]),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client is a new object each render; this runs only when the values listed change
  }, [current]);
  useEffect(() => {
    setOtherStats(null);
    setFailed(false);
    if (!other) return;
    let live = true;
    api.stats(other).then(
      (s) => live && setOtherStats(s),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client is a new object each render; this runs only when the values listed change
  }, [other]);

  return (
    <Box data-testid="compare-mailings">
      <Box maxWidth="400px" paddingBottom={4}>
        <SingleSelect
          aria-label={t('campaign.compare.choose')}
          placeholder={t('campaign.compare.choose')}
          value={other}
          onChange={(v: string | number) => setOther(String(v))}
          onClear={() => setOther('')}
        >
          {choices.map((c) => (
            <SingleSelectOption key={c.documentId} value={c.documentId}>
              {c.name}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Box>
      {choices.length === 0 && !other && <Typography textColor="neutral600">{t('campaign.compare.none')}</Typography>}
      {failed && <Typography textColor="danger600">{t('campaign.error.generic')}</Typography>}
      {otherStats && (
        <Table colCount={3} rowCount={FIGURES.length + 1}>
          <Thead>
            <Tr>
              <Th>
                <Typography variant="sigma">{t('campaign.compare.figure')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{stats.campaign.name}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{otherStats.campaign.name}</Typography>
              </Th>
            </Tr>
          </Thead>
          <Tbody>
            {FIGURES.map((f) => (
              <Tr key={f.key}>
                <Td>
                  <Typography>
                    {t(`campaign.stats.${f.key}`)}
                    {f.of ? ` (${t(f.of)})` : ''}
                  </Typography>
                </Td>
                <Td>
                  <Value stats={stats} figure={f} testId={`compare-${f.key}-a`} />
                </Td>
                <Td>
                  <Value stats={otherStats} figure={f} testId={`compare-${f.key}-b`} />
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </Box>
  );
}
