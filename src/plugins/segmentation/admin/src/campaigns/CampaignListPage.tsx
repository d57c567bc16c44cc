/** Campaign list: name, segment, template, status, sent / total, when sent (or scheduled), created; open, statistics. */
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Flex, IconButton, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ChartPie, Pencil, Plus } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { BASE, useCampaignsApi, type Campaign } from './api';
import { MailNav } from '../templates/MailNav';
import { StatusBadge } from './StatusBadge';
import { fmtDate, fmtNumber } from './format';
import { useCampaignPermissions } from './usePermissions';
import { useSentCounts } from './useSentCounts';
import { ListRows } from '../components/ListRows';
import { useT } from '../utils/useT';
import { Why } from '../components/Why';
import { isEditable, scheduledStart } from '../../../shared/campaign-lifecycle';

const COLUMNS = ['name', 'segment', 'template', 'status', 'sent', 'when', 'created', 'actions'] as const;

export function CampaignListPage() {
  const api = useCampaignsApi();
  const t = useT();
  const navigate = useNavigate();
  const { canWrite } = useCampaignPermissions();
  const [rows, setRows] = useState<Campaign[] | null>(null);
  const counts = useSentCounts(rows);

  useEffect(() => {
    api.list().then(setRows, () => setRows([]));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs only when the values listed change
  }, []);

  const sentOf = (c: Campaign) => {
    const p = counts[c.documentId];
    if (isEditable(c.status)) return '—';
    return `${p ? fmtNumber(p.sent) : '…'} / ${fmtNumber(p?.total ?? c.total)}`;
  };

  /** When it left, or when it is planned to. */
  const whenOf = (c: Campaign) => {
    if (c.startedAt) return fmtDate(c.startedAt);
    if (scheduledStart(c) !== null) return t('campaign.list.when.scheduled', { date: fmtDate(c.scheduledAt) });
    return '—';
  };

  return (
    <Layouts.Root>
      <Page.Title>{t('campaign.list.title')}</Page.Title>
      <Layouts.Header
        title={t('campaign.list.title')}
        subtitle={t('campaign.list.subtitle')}
        primaryAction={
          <Why reason={!canWrite && t('campaign.why.noWrite')}>
            <Button startIcon={<Plus />} disabled={!canWrite} onClick={() => navigate(`${BASE}/new`)}>
              {t('campaign.list.new')}
            </Button>
          </Why>
        }
      />
      <Layouts.Content>
        <MailNav />
        <ListRows rows={rows} empty={t('campaign.list.empty')}>
          {(rows) => (
            <Table colCount={COLUMNS.length} rowCount={rows.length + 1}>
              <Thead>
                <Tr>
                  {COLUMNS.map((c) => (
                    <Th key={c}>
                      <Typography variant="sigma">{t(`campaign.list.col.${c}`)}</Typography>
                    </Th>
                  ))}
                </Tr>
              </Thead>
              <Tbody>
                {rows.map((c) => (
                  <Tr key={c.documentId} data-testid={`campaign-row-${c.documentId}`}>
                    <Td>
                      <Typography fontWeight="bold">{c.name}</Typography>
                    </Td>
                    <Td>
                      <Typography>{c.segment?.name ?? '—'}</Typography>
                    </Td>
                    <Td>
                      <Typography>{c.template?.name ?? '—'}</Typography>
                    </Td>
                    <Td>
                      <StatusBadge status={c.status} />
                    </Td>
                    <Td>
                      <Typography>{sentOf(c)}</Typography>
                    </Td>
                    <Td>
                      <Typography>{whenOf(c)}</Typography>
                    </Td>
                    <Td>
                      <Typography>{fmtDate(c.createdAt)}</Typography>
                    </Td>
                    <Td>
                      <Flex gap={1}>
                        <IconButton label={t('campaign.list.open')} onClick={() => navigate(`${BASE}/${c.documentId}`)}>
                          <Pencil />
                        </IconButton>
                        <IconButton
                          label={isEditable(c.status) ? t('campaign.why.noStats') : t('campaign.list.stats')}
                          disabled={isEditable(c.status)}
                          onClick={() => navigate(`${BASE}/${c.documentId}/stats`)}
                        >
                          <ChartPie />
                        </IconButton>
                      </Flex>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </ListRows>
      </Layouts.Content>
    </Layouts.Root>
  );
}
