/**
 * The Bounces page (Mailings → Bounces): messages that came back, newest first, by soort, source,
 * mailing and address; refreshed every 10 s and by "Vernieuwen"; a row opens the message.
 */
import { useEffect, useRef, useState } from 'react';
import { NavLink, useSearchParams } from 'react-router-dom';
import { Box, Button, Flex, Link, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useBouncesApi, type BounceItem, type BouncePage } from './api';
import { BounceDetailDialog } from './BounceDetailDialog';
import { SuppressedBadge } from './SuppressedBadge';
import { fmtBrussels, sortOf, sortQuery, sourceLabel, SORTS, SOURCES } from './labels';
import { MailNav } from '../templates/MailNav';
import { ListSearch } from '../components/ListSearch';
import { BASE as CAMPAIGNS_BASE, useCampaignsApi, type Campaign } from '../campaigns/api';
import { fmtNumber } from '../campaigns/format';
import { useT } from '../utils/useT';

const REFRESH_MS = 10_000;
const PAGE_SIZE = 25;
const COLUMNS = ['receivedAt', 'recipient', 'sort', 'status', 'diagnostic', 'source', 'campaign', 'suppressed'] as const;

const truncate = (text: string | null, max = 50) => (!text ? '—' : text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function BouncesPage() {
  const api = useBouncesApi();
  const campaignsApi = useCampaignsApi();
  const t = useT();
  const [params, setParams] = useSearchParams();
  const sort = params.get('sort') ?? '';
  const source = params.get('source') ?? '';
  const campaign = params.get('campaign') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q, setQ] = useState(search);
  const [data, setData] = useState<BouncePage | null>(null);
  const [loading, setLoading] = useState(false);
  const [campaigns, setCampaigns] = useState<Campaign[]>([]);
  const [openId, setOpenId] = useState<number | null>(null);
  const seq = useRef(0);

  /** Sets one filter in the address (a new filter starts at page 1). */
  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };

  const load = async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const answer = await api.list({
        ...sortQuery(sort),
        source: source || undefined,
        campaign: campaign || undefined,
        q: q || undefined,
        page,
        pageSize: PAGE_SIZE,
      });
      if (mine === seq.current) setData(answer);
    } catch {
      if (mine === seq.current) setData((d) => d ?? { items: [], total: 0, page, pageSize: PAGE_SIZE });
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  };

  useEffect(() => {
    campaignsApi.list().then(setCampaigns, () => setCampaigns([]));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client is a new object each render; this runs once
  }, []);
  // The search is debounced; it goes into the address too.
  useEffect(() => {
    const timer = setTimeout(() => {
      setQ(search.trim());
      if ((params.get('q') ?? '') !== search.trim()) setParam('q', search.trim());
    }, 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the typed text starts the debounce
  }, [search]);
  useEffect(() => {
    load();
    const timer = setInterval(() => load(), REFRESH_MS);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs only when the values listed change
  }, [sort, source, campaign, q, page]);

  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const rows: BounceItem[] | null = data ? data.items : null;

  return (
    <Layouts.Root>
      <Page.Title>{t('bounces.title')}</Page.Title>
      <Layouts.Header
        title={t('bounces.title')}
        subtitle={t('bounces.subtitle')}
        primaryAction={
          <Button variant="secondary" startIcon={<ArrowClockwise />} loading={loading} onClick={() => load()}>
            {t('bounces.refresh')}
          </Button>
        }
      />
      <Layouts.Content>
        <MailNav />
        <Flex gap={4} paddingBottom={4} wrap="wrap" alignItems="flex-end">
          <Box minWidth="200px">
            <SingleSelect
              aria-label={t('bounces.filter.sort')}
              placeholder={t('bounces.filter.sort')}
              value={sort}
              onChange={(v: string | number) => setParam('sort', String(v))}
              onClear={() => setParam('sort', '')}
            >
              {SORTS.map((s) => (
                <SingleSelectOption key={s} value={s}>
                  {t(`bounces.sort.${s}`)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Box>
          <Box minWidth="180px">
            <SingleSelect
              aria-label={t('bounces.filter.source')}
              placeholder={t('bounces.filter.source')}
              value={source}
              onChange={(v: string | number) => setParam('source', String(v))}
              onClear={() => setParam('source', '')}
            >
              {SOURCES.map((s) => (
                <SingleSelectOption key={s} value={s}>
                  {t(sourceLabel(s))}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Box>
          <Box minWidth="240px">
            <SingleSelect
              aria-label={t('bounces.filter.campaign')}
              placeholder={t('bounces.filter.campaign')}
              value={campaign}
              onChange={(v: string | number) => setParam('campaign', String(v))}
              onClear={() => setParam('campaign', '')}
            >
              {/* A mailing named in the address but not (yet) in the list is still a choice. */}
              {campaign && !campaigns.some((c) => c.documentId === campaign) && (
                <SingleSelectOption value={campaign}>
                  {data?.items.find((i) => i.campaign?.documentId === campaign)?.campaign?.name ?? campaign}
                </SingleSelectOption>
              )}
              {campaigns.map((c) => (
                <SingleSelectOption key={c.documentId} value={c.documentId}>
                  {c.name}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Box>
          <Box minWidth="260px">
            <ListSearch value={search} onChange={setSearch} label={t('bounces.filter.q')} clearLabel={t('bounces.filter.clear')} />
          </Box>
        </Flex>
        {rows === null ? (
          <Page.Loading />
        ) : rows.length === 0 ? (
          <Typography data-testid="bounces-empty">{t('bounces.empty')}</Typography>
        ) : (
          <Table colCount={COLUMNS.length} rowCount={rows.length + 1}>
            <Thead>
              <Tr>
                {COLUMNS.map((c) => (
                  <Th key={c}>
                    <Typography variant="sigma">{t(`bounces.col.${c}`)}</Typography>
                  </Th>
                ))}
              </Tr>
            </Thead>
            <Tbody>
              {rows.map((b) => (
                <Tr key={b.id} data-testid={`bounce-row-${b.id}`} onClick={() => setOpenId(b.id)} style={{ cursor: 'pointer' }}>
                  <Td>
                    <Typography>{fmtBrussels(b.receivedAt)}</Typography>
                  </Td>
                  <Td>
                    <Button variant="ghost" onClick={() => setOpenId(b.id)}>
                      {b.recipient ?? '—'}
                    </Button>
                  </Td>
                  <Td>
                    <Typography>{t(sortOf(b.kind, b.severity))}</Typography>
                  </Td>
                  <Td>
                    <Typography>{b.status ?? '—'}</Typography>
                  </Td>
                  <Td>
                    <Typography title={b.diagnostic ?? undefined}>{truncate(b.diagnostic)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{t(sourceLabel(b.source))}</Typography>
                  </Td>
                  <Td onClick={(e: React.MouseEvent) => e.stopPropagation()}>
                    {b.campaign ? (
                      <Link tag={NavLink} to={`${CAMPAIGNS_BASE}/${b.campaign.documentId}/stats`}>
                        {b.campaign.name}
                      </Link>
                    ) : (
                      <Typography>—</Typography>
                    )}
                  </Td>
                  <Td>
                    <SuppressedBadge suppressed={b.suppressed} />
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
        {data && data.total > 0 && (
          <Flex gap={2} paddingTop={4} justifyContent="space-between">
            <Typography textColor="neutral600">{t('bounces.paging', { page, pages, total: fmtNumber(data.total) })}</Typography>
            <Flex gap={2}>
              <Button variant="tertiary" disabled={page <= 1} onClick={() => setParam('page', String(page - 1))}>
                {t('bounces.previous')}
              </Button>
              <Button variant="tertiary" disabled={page >= pages} onClick={() => setParam('page', String(page + 1))}>
                {t('bounces.next')}
              </Button>
            </Flex>
          </Flex>
        )}
        {openId !== null && <BounceDetailDialog id={openId} onClose={() => setOpenId(null)} onLifted={() => load()} />}
      </Layouts.Content>
    </Layouts.Root>
  );
}

export default BouncesPage;
