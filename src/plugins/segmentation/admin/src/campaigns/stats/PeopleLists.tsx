/**
 * Who did what with a mailing (issue 22): who opened and how often, who clicked which link, who
 * bounced or was blocked and why, who complained, who unsubscribed. A tab per list with its count
 * (from the figures), a search on UID, name or address, a link filter for the clicked list, pages of
 * 25; each pass number opens the holder's page. Personal data: without `personal.read` the counts
 * only, and why.
 */
import { useEffect, useRef, useState } from 'react';
import { Box, Button, Flex, SingleSelect, SingleSelectOption, Tabs, Typography } from '@strapi/design-system';
import { useCampaignsApi, type Stats } from '../api';
import { fmtNumber } from '../format';
import { PeopleTable } from './PeopleTable';
import { ListSearch } from '../../components/ListSearch';
import { useActions } from '../../partners/useActions';
import { useT } from '../../utils/useT';
import { PEOPLE_LISTS, type PeopleList, type PeoplePage } from '../../../../shared/mailing-people';

const PAGE_SIZE = 25;

/** A list's count on its tab, as the figures count it (bounced: bounced and blocked). */
const countOf = (s: Stats, list: PeopleList) =>
  ({ opened: s.opened.n, clicked: s.clicked.n, bounced: s.bounced.n + s.blocked.n, complained: s.spam.n, unsubscribed: s.unsubscribed.n })[list];

export function PeopleLists({ stats }: { stats: Stats }) {
  const api = useCampaignsApi();
  const t = useT();
  const { allowed, isLoading } = useActions({ personal: 'plugin::segmentation.personal.read' });
  const documentId = stats.campaign.documentId;
  const [list, setList] = useState<PeopleList>('opened');
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [link, setLink] = useState('');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<PeoplePage | null>(null);
  const [failed, setFailed] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    const timer = setTimeout(() => {
      setQ(search.trim());
      setPage(1);
    }, 300);
    return () => clearTimeout(timer);
  }, [search]);
  useEffect(() => {
    if (!allowed.personal) return;
    const mine = ++seq.current;
    setData(null);
    setFailed(false);
    api.people(documentId, { list, q: q || undefined, link: list === 'clicked' && link ? link : undefined, page, pageSize: PAGE_SIZE }).then(
      (answer) => mine === seq.current && setData(answer),
      () => mine === seq.current && setFailed(true),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client is a new object each render; this runs only when the values listed change
  }, [allowed.personal, documentId, list, q, link, page]);

  const choose = (next: PeopleList) => {
    setList(next);
    setPage(1);
  };
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <Flex direction="column" alignItems="stretch" gap={4} data-testid="people-lists">
      <Tabs.Root value={list} onValueChange={(v: string) => choose(v as PeopleList)}>
        <Tabs.List aria-label={t('campaign.people.tabs')}>
          {PEOPLE_LISTS.map((l) => (
            <Tabs.Trigger key={l} value={l} data-testid={`people-tab-${l}`}>
              {t(`campaign.people.list.${l}`, { n: fmtNumber(countOf(stats, l)) })}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
      </Tabs.Root>
      {isLoading ? null : !allowed.personal ? (
        <Typography textColor="neutral600" data-testid="people-why">
          {t('campaign.people.noPersonal')}
        </Typography>
      ) : (
        <>
          <Flex gap={4} wrap="wrap" alignItems="flex-end">
            <Box minWidth="280px">
              <ListSearch value={search} onChange={setSearch} label={t('campaign.people.search')} clearLabel={t('campaign.people.clear')} />
            </Box>
            {list === 'clicked' && stats.links.length > 0 && (
              <Box minWidth="320px">
                <SingleSelect
                  aria-label={t('campaign.people.link')}
                  placeholder={t('campaign.people.link')}
                  value={link}
                  onChange={(v: string | number) => {
                    setLink(String(v));
                    setPage(1);
                  }}
                  onClear={() => setLink('')}
                >
                  {stats.links.map((l) => (
                    <SingleSelectOption key={l.url} value={l.url}>
                      {l.url}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Box>
            )}
          </Flex>
          {failed ? (
            <Typography textColor="danger600">{t('campaign.error.generic')}</Typography>
          ) : !data ? (
            <Typography textColor="neutral600">{t('campaign.people.loading')}</Typography>
          ) : data.items.length === 0 ? (
            <Typography data-testid="people-empty">{t('campaign.people.empty')}</Typography>
          ) : (
            <PeopleTable list={data.list} items={data.items} />
          )}
          {data && data.total > 0 && (
            <Flex gap={2} justifyContent="space-between">
              <Typography textColor="neutral600" data-testid="people-paging" data-total={data.total}>
                {t('campaign.people.paging', { page, pages, total: fmtNumber(data.total) })}
              </Typography>
              <Flex gap={2}>
                <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                  {t('campaign.people.previous')}
                </Button>
                <Button variant="tertiary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
                  {t('campaign.people.next')}
                </Button>
              </Flex>
            </Flex>
          )}
        </>
      )}
    </Flex>
  );
}
