/**
 * What happened to one message: a timeline (created, changed, due, sent, cancelled, ... in words),
 * the counts (recipients, sent, delivered, opened, failed), the recipients with their status, and a
 * link to the mailing's statistics once it went out.
 */
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useIntl } from 'react-intl';
import { Alert, Box, Button, Flex, Grid, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ChartPie } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { eventPath, useEventsApi, type EventMessage, type MessageHistory } from './api';
import { MessageStatusBadge } from './MessageStatusBadge';
import { callText } from './problems';
import { formatDateTime, timingLabel } from './timing';
import { wordOr } from './words';
import { entryDetail } from './history-words';
import { BackLink } from '../campaigns/BackLink';
import { HolderLink } from '../holders/HolderLink';
import { useT } from '../utils/useT';

const COUNTS = ['total', 'sent', 'delivered', 'opened', 'failed'] as const;
const POLL_MS = 5000;

export function HistoryPage() {
  const { eventKey = '', id = '' } = useParams();
  const api = useEventsApi();
  const t = useT();
  const { locale } = useIntl();
  const navigate = useNavigate();
  const [message, setMessage] = useState<EventMessage | null>(null);
  const [history, setHistory] = useState<MessageHistory | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const [m, h] = await Promise.all([api.message(eventKey, id), api.history(eventKey, id)]);
        if (!live) return;
        setMessage(m);
        setHistory(h);
        // While it is waiting or going out, the page follows it.
        if (m.status === 'pending' || m.status === 'sending') timer = setTimeout(load, POLL_MS);
      } catch (error) {
        if (live) setFailure(callText(t, error));
      }
    };
    void load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs when the message changes
  }, [eventKey, id]);

  const back = <BackLink to={eventPath(eventKey)}>{t('event.back')}</BackLink>;
  if (failure) {
    return (
      <Layouts.Root>
        <Layouts.Header title={t('event.history.title')} navigationAction={back} />
        <Layouts.Content>
          <Alert variant="danger" closeLabel={t('event.close')} data-testid="history-error">
            {failure}
          </Alert>
        </Layouts.Content>
      </Layouts.Root>
    );
  }
  if (!message || !history) return <Page.Loading />;
  const statusOf = (s: string) => wordOr(t, `event.recipient.status.${s}`, s);
  const channelOf = (c: string | null) => (c ? wordOr(t, `event.channel.${c}`, c) : '—');

  return (
    <Layouts.Root>
      <Page.Title>{t('event.history.pageTitle', { name: message.name })}</Page.Title>
      <Layouts.Header
        title={t('event.history.pageTitle', { name: message.name })}
        subtitle={`${t(`event.channel.${message.channel}`)} · ${timingLabel(t, message.timing, message.hours)}`}
        navigationAction={back}
        secondaryAction={<MessageStatusBadge status={message.status} />}
        primaryAction={
          history.campaign ? (
            <Button variant="secondary" startIcon={<ChartPie />} onClick={() => navigate(`/plugins/mailings/campaigns/${history.campaign}/stats`)}>
              {t('event.history.stats')}
            </Button>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {message.reason && (
            <Alert variant={message.status === 'failed' ? 'danger' : 'default'} closeLabel={t('event.close')} data-testid="history-reason">
              {t('event.form.reason', { reason: message.reason })}
            </Alert>
          )}
          <Grid.Root gap={4}>
            {COUNTS.map((c) => (
              <Grid.Item key={c} col={2} s={4}>
                <Box background="neutral0" padding={4} hasRadius shadow="tableShadow" width="100%">
                  <Typography variant="sigma" textColor="neutral600">
                    {t(`event.history.count.${c}`)}
                  </Typography>
                  <Typography variant="alpha" tag="p" data-testid={`history-count-${c}`} data-value={history.counts[c]}>
                    {history.counts[c].toLocaleString(locale)}
                  </Typography>
                </Box>
              </Grid.Item>
            ))}
          </Grid.Root>
          <Box background="neutral0" padding={6} hasRadius shadow="tableShadow">
            <Typography variant="delta" tag="h2">
              {t('event.history.timeline')}
            </Typography>
            <Box paddingTop={4}>
              {history.entries.length === 0 ? (
                <Typography>{t('event.history.noEntries')}</Typography>
              ) : (
                <ol style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="history-timeline">
                  {history.entries.map((e, i) => (
                    <li
                      key={`${e.at}-${i}`}
                      data-testid="history-entry"
                      data-what={e.what}
                      style={{ borderLeft: '2px solid #dcdce4', paddingLeft: 16, paddingBottom: 12 }}
                    >
                      <Typography variant="pi" textColor="neutral600">
                        {formatDateTime(e.at, locale)}
                      </Typography>
                      <Typography tag="p" fontWeight="bold">
                        {wordOr(t, `event.history.what.${e.what}`, e.what)}
                      </Typography>
                      {entryDetail(t, locale, e) && (
                        <Typography tag="p" variant="pi">
                          {entryDetail(t, locale, e)}
                        </Typography>
                      )}
                    </li>
                  ))}
                </ol>
              )}
            </Box>
          </Box>
          <Box background="neutral0" padding={6} hasRadius shadow="tableShadow">
            <Typography variant="delta" tag="h2">
              {t('event.history.recipients', { n: history.recipients.total.toLocaleString(locale) })}
            </Typography>
            <Box paddingTop={4}>
              {history.recipients.items.length === 0 ? (
                <Typography>{t(message.status === 'pending' ? 'event.history.notYet' : 'event.history.noRecipients')}</Typography>
              ) : (
                <Table colCount={5} rowCount={history.recipients.items.length + 1} data-testid="history-recipients">
                  <Thead>
                    <Tr>
                      {['uid', 'name', 'channel', 'status', 'opened'].map((c) => (
                        <Th key={c}>
                          <Typography variant="sigma">{t(`event.history.col.${c}`)}</Typography>
                        </Th>
                      ))}
                    </Tr>
                  </Thead>
                  <Tbody>
                    {history.recipients.items.map((r) => (
                      <Tr key={r.uid} data-testid={`history-recipient-${r.uid}`}>
                        <Td>
                          <HolderLink uid={r.uid} />
                        </Td>
                        <Td>
                          <Typography>{[r.firstName, r.lastName].filter(Boolean).join(' ') || '—'}</Typography>
                        </Td>
                        <Td>
                          <Typography>{channelOf(r.channel)}</Typography>
                        </Td>
                        <Td>
                          <Typography data-testid="recipient-status" data-value={r.status}>
                            {statusOf(r.status)}
                          </Typography>
                        </Td>
                        <Td>
                          <Typography>{formatDateTime(r.openedAt, locale)}</Typography>
                        </Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              )}
              {history.recipients.total > history.recipients.items.length && (
                <Box paddingTop={2}>
                  <Typography variant="pi" textColor="neutral600">
                    {t('event.history.more', { shown: history.recipients.items.length, total: history.recipients.total })}
                  </Typography>
                </Box>
              )}
            </Box>
          </Box>
        </Flex>
      </Layouts.Content>
    </Layouts.Root>
  );
}
