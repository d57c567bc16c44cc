/**
 * One event: its details (start, end, venue, card system, ticket holders) and the "Berichten" tab —
 * its messages (name, channel, when, due time, status, sent) with add, open / edit (pending ones
 * only), history and cancel.
 */
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useIntl } from 'react-intl';
import { Alert, Badge, Box, Button, Flex, Grid, IconButton, Tabs, Typography } from '@strapi/design-system';
import { ClockCounterClockwise, Cross, Eye, Pencil, Plus } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { BASE, eventPath, useEventsApi, type EventDetail, type EventMessage } from './api';
import { MessageStatusBadge } from './MessageStatusBadge';
import { useEventPermissions } from './usePermissions';
import { useSentCounts } from './useSentCounts';
import { callText } from './problems';
import { formatDateTime, timingLabel } from './timing';
import { BackLink } from '../campaigns/BackLink';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Why } from '../components/Why';
import { ListTable } from '../components/ListTable';
import { RowActions } from '../components/RowActions';
import { useT } from '../utils/useT';

const COLUMNS = ['name', 'channel', 'when', 'due', 'status', 'sent', 'actions'] as const;

function Detail({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Typography variant="sigma" textColor="neutral600">
        {label}
      </Typography>
      <Typography data-testid={testId}>{value}</Typography>
    </Flex>
  );
}

export function EventPage() {
  const { eventKey = '' } = useParams();
  const api = useEventsApi();
  const t = useT();
  const { locale } = useIntl();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const { canWrite } = useEventPermissions();
  const [event, setEvent] = useState<EventDetail | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [messages, setMessages] = useState<EventMessage[] | null>(null);
  const [cancelling, setCancelling] = useState<EventMessage | null>(null);
  const counts = useSentCounts(eventKey, messages);

  const load = () => {
    api.get(eventKey).then(setEvent, (e: unknown) => setFailure(callText(t, e)));
    api.messages(eventKey).then(setMessages, (e: unknown) => (setMessages([]), setFailure(callText(t, e))));
  };
  useEffect(() => {
    setEvent(null);
    setMessages(null);
    setFailure(null);
    load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs when the event changes
  }, [eventKey]);

  const cancel = async (m: EventMessage) => {
    setCancelling(null);
    try {
      await api.cancel(eventKey, m.id);
      toggleNotification({ type: 'success', message: t('event.message.cancelled', { name: m.name }) });
      load();
    } catch (error) {
      toggleNotification({ type: 'danger', message: callText(t, error) });
    }
  };

  const messageUrl = (m: EventMessage, action = '') => `${eventPath(eventKey)}/messages/${m.id}${action}`;
  const sentOf = (m: EventMessage) => {
    if (m.status === 'pending' || m.status === 'cancelled' || m.status === 'missed') return '—';
    const c = counts[m.id];
    return c ? `${c.sent.toLocaleString(locale)} / ${c.total.toLocaleString(locale)}` : '…';
  };

  if (failure && !event) {
    return (
      <Layouts.Root>
        <Layouts.Header title={t('event.page.title')} navigationAction={<BackLink to={BASE}>{t('event.back')}</BackLink>} />
        <Layouts.Content>
          <Alert variant="danger" closeLabel={t('event.close')} data-testid="event-error">
            {failure}
          </Alert>
        </Layouts.Content>
      </Layouts.Root>
    );
  }
  if (!event) return <Page.Loading />;
  return (
    <Layouts.Root>
      <Page.Title>{event.name}</Page.Title>
      <Layouts.Header
        title={event.name}
        subtitle={t('event.page.subtitle')}
        navigationAction={<BackLink to={BASE}>{t('event.back')}</BackLink>}
        secondaryAction={event.cancelled ? <Badge variant="danger">{t('event.cancelled')}</Badge> : undefined}
        primaryAction={
          <Why reason={!canWrite ? t('event.why.noWrite') : event.cancelled ? t('event.why.cancelled') : null}>
            <Button startIcon={<Plus />} disabled={!canWrite || event.cancelled} onClick={() => navigate(`${eventPath(eventKey)}/messages/new`)}>
              {t('event.message.add')}
            </Button>
          </Why>
        }
      />
      <Layouts.Content>
        <Box background="neutral0" padding={6} hasRadius shadow="tableShadow" marginBottom={6}>
          <Grid.Root gap={4}>
            <Grid.Item col={4} s={6}>
              <Detail label={t('event.detail.start')} value={formatDateTime(event.startsAt, locale)} testId="event-start" />
            </Grid.Item>
            <Grid.Item col={4} s={6}>
              <Detail label={t('event.detail.end')} value={formatDateTime(event.endsAt, locale)} testId="event-end" />
            </Grid.Item>
            <Grid.Item col={4} s={6}>
              <Detail label={t('event.detail.ticketHolders')} value={event.ticketHolders.toLocaleString(locale)} testId="event-ticket-holders" />
            </Grid.Item>
            <Grid.Item col={4} s={6}>
              <Detail label={t('event.detail.venue')} value={event.counter?.name ?? '—'} />
            </Grid.Item>
            <Grid.Item col={4} s={6}>
              <Detail label={t('event.detail.cardSystem')} value={event.cardSystem?.name ?? '—'} />
            </Grid.Item>
            <Grid.Item col={4} s={6}>
              <Detail label={t('event.detail.key')} value={event.key} />
            </Grid.Item>
          </Grid.Root>
        </Box>
        <Tabs.Root defaultValue="messages">
          <Tabs.List aria-label={t('event.page.tabs')}>
            <Tabs.Trigger value="messages">{t('event.tab.messages', { n: messages?.length ?? event.messages })}</Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="messages">
            <Box background="neutral0" padding={4} hasRadius>
              <ListTable
                rows={messages}
                empty={t('event.messages.empty')}
                emptyTestId="messages-empty"
                testId="messages-table"
                columns={COLUMNS.map((c) => t(`event.messages.col.${c}`))}
                rowKey={(m) => m.id}
                rowTestId={(m) => `message-row-${m.id}`}
                cells={(m) => [
                  <Typography fontWeight="bold">{m.name}</Typography>,
                  t(`event.channel.${m.channel}`),
                  <Typography data-testid="message-when">{timingLabel(t, m.timing, m.hours)}</Typography>,
                  <Typography data-testid="message-due">
                    {m.sentAt ? formatDateTime(m.sentAt, locale) : m.dueAt ? formatDateTime(m.dueAt, locale) : t('event.messages.noDue')}
                  </Typography>,
                  <MessageStatusBadge status={m.status} />,
                  <Typography data-testid="message-sent">{sentOf(m)}</Typography>,
                  <RowActions>
                    {m.status === 'pending' && canWrite ? (
                      <IconButton label={t('event.messages.edit')} onClick={() => navigate(messageUrl(m))}>
                        <Pencil />
                      </IconButton>
                    ) : (
                      <IconButton label={t('event.messages.open')} onClick={() => navigate(messageUrl(m))}>
                        <Eye />
                      </IconButton>
                    )}
                    <IconButton label={t('event.messages.history')} onClick={() => navigate(messageUrl(m, '/history'))}>
                      <ClockCounterClockwise />
                    </IconButton>
                    {m.status === 'pending' && canWrite && (
                      <IconButton label={t('event.messages.cancel')} onClick={() => setCancelling(m)}>
                        <Cross />
                      </IconButton>
                    )}
                  </RowActions>,
                ]}
              />
            </Box>
          </Tabs.Content>
        </Tabs.Root>
        <ConfirmDialog
          open={cancelling !== null}
          title={t('event.messages.cancelTitle')}
          body={t('event.messages.cancelConfirm', { name: cancelling?.name ?? '' })}
          confirmLabel={t('event.messages.cancel')}
          cancelLabel={t('event.messages.keep')}
          onCancel={() => setCancelling(null)}
          onConfirm={() => cancelling && void cancel(cancelling)}
        />
      </Layouts.Content>
    </Layouts.Root>
  );
}
