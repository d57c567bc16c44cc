/** The events: searchable and paged, with start, end, venue, card system and how many messages each has. */
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useIntl } from 'react-intl';
import { Badge, Box, Button, Flex, Link, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { eventPath, useEventsApi } from './api';
import { formatDateTime } from './timing';
import { callText } from './problems';
import { ListSearch } from '../components/ListSearch';
import { useDebouncedRequest } from '../utils/useDebouncedRequest';
import { useT } from '../utils/useT';

const PAGE_SIZE = 20;
const COLUMNS = ['name', 'start', 'end', 'venue', 'cardSystem', 'messages'] as const;

export function EventListPage() {
  const api = useEventsApi();
  const t = useT();
  const { locale } = useIntl();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useDebouncedRequest(JSON.stringify([q.trim(), page]), (signal) => api.list({ q: q.trim(), page, pageSize: PAGE_SIZE }, signal), 250);
  const shown = list.state === 'done' ? list.value : list.state === 'idle' ? undefined : list.previous;
  const pages = shown ? Math.max(1, Math.ceil(shown.total / PAGE_SIZE)) : 1;

  return (
    <Layouts.Root>
      <Page.Title>{t('event.list.title')}</Page.Title>
      <Layouts.Header title={t('event.list.title')} subtitle={t('event.list.subtitle')} />
      <Layouts.Content>
        <Box paddingBottom={4}>
          <ListSearch value={q} onChange={(v) => (setQ(v), setPage(1))} label={t('event.list.search')} clearLabel={t('event.clear')} />
        </Box>
        {list.state === 'error' && (
          <Typography textColor="danger600" data-testid="events-error">
            {callText(t, list.error)}
          </Typography>
        )}
        {!shown && list.state !== 'error' && <Page.Loading />}
        {shown && shown.items.length === 0 && <Typography>{q.trim() ? t('event.list.noMatch') : t('event.list.empty')}</Typography>}
        {shown && shown.items.length > 0 && (
          <Table colCount={COLUMNS.length} rowCount={shown.items.length + 1} data-testid="events-table">
            <Thead>
              <Tr>
                {COLUMNS.map((c) => (
                  <Th key={c}>
                    <Typography variant="sigma">{t(`event.list.col.${c}`)}</Typography>
                  </Th>
                ))}
              </Tr>
            </Thead>
            <Tbody>
              {shown.items.map((e) => (
                <Tr key={e.key} data-testid={`event-row-${e.key}`}>
                  <Td>
                    <Flex gap={2}>
                      <Link
                        href={`/admin${eventPath(e.key)}`}
                        onClick={(ev: React.MouseEvent) => {
                          ev.preventDefault();
                          navigate(eventPath(e.key));
                        }}
                      >
                        {e.name}
                      </Link>
                      {e.cancelled && <Badge variant="danger">{t('event.cancelled')}</Badge>}
                    </Flex>
                  </Td>
                  <Td>
                    <Typography>{formatDateTime(e.startsAt, locale)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{formatDateTime(e.endsAt, locale)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{e.counter?.name ?? '—'}</Typography>
                  </Td>
                  <Td>
                    <Typography>{e.cardSystem?.name ?? '—'}</Typography>
                  </Td>
                  <Td>
                    <Typography data-testid="event-messages">{e.messages.toLocaleString(locale)}</Typography>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
        {shown && shown.total > PAGE_SIZE && (
          <Flex gap={2} justifyContent="center" paddingTop={4}>
            <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              {t('event.list.previous')}
            </Button>
            <Typography>{t('event.list.page', { page, pages, total: shown.total })}</Typography>
            <Button variant="tertiary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
              {t('event.list.next')}
            </Button>
          </Flex>
        )}
      </Layouts.Content>
    </Layouts.Root>
  );
}
