/** Campaign list: name, segment, template, status, sent / total, when sent (or scheduled), created; open, statistics. */
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, IconButton, Typography } from '@strapi/design-system';
import { ChartPie, Pencil, Plus } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { BASE, useCampaignsApi, type Campaign } from './api';
import { MailNav } from '../templates/MailNav';
import { StatusBadge } from './StatusBadge';
import { fmtDate, fmtNumber } from './format';
import { useCampaignPermissions } from './usePermissions';
import { useSentCounts } from './useSentCounts';
import { ListTable } from '../components/ListTable';
import { RowActions } from '../components/RowActions';
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
        <ListTable
          rows={rows}
          empty={t('campaign.list.empty')}
          columns={COLUMNS.map((c) => t(`campaign.list.col.${c}`))}
          rowKey={(c) => c.documentId}
          rowTestId={(c) => `campaign-row-${c.documentId}`}
          cells={(c) => [
            <Typography fontWeight="bold">{c.name}</Typography>,
            c.segment?.name ?? '—',
            c.template?.name ?? '—',
            <StatusBadge status={c.status} />,
            sentOf(c),
            whenOf(c),
            fmtDate(c.createdAt),
            <RowActions>
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
            </RowActions>,
          ]}
        />
      </Layouts.Content>
    </Layouts.Root>
  );
}
