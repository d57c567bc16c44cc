/**
 * A message of an event, new or existing: name, channel and template, recipients (with the live
 * count), consents, language, when, custom text; beside it the preview for a real ticket holder and
 * the test send. Only pending messages can be edited; others show read-only, saying why. Problems
 * (the shared schema's, then the server's, e.g. "the event has no start") show at their field.
 */
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useIntl } from 'react-intl';
import { Alert, Box, Button, Field, Flex, Grid, Loader, Radio, SingleSelect, SingleSelectOption, TextInput, Textarea, Typography } from '@strapi/design-system';
import { ClockCounterClockwise } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { LANGUAGE_MODES, MESSAGE_CHANNELS, type LanguageMode, type MessageChannel } from '../../../shared/event-messages';
import { eventPath, useEventsApi, type EventDetail, type EventMessage, type TemplateChoice } from './api';
import { checkDraft, countQuery, emptyDraft, fromMessage, toInput, type Draft } from './form-state';
import { callProblems, formProblems, type FormProblems } from './problems';
import { formatDateTime } from './timing';
import { ConsentsFields } from './ConsentsFields';
import { MessagePreview } from './MessagePreview';
import { MessageStatusBadge } from './MessageStatusBadge';
import { MessageTestDialog } from './MessageTestDialog';
import { RecipientsFields } from './RecipientsFields';
import { TimingFields } from './TimingFields';
import { useEventPermissions } from './usePermissions';
import { checkDraft as checkDefinition } from '../segments/builder-state';
import { useLeaveGuard } from '../segments/useLeaveGuard';
import { BackLink } from '../campaigns/BackLink';
import { ChoiceField } from '../campaigns/ChoiceField';
import { useDebouncedRequest } from '../utils/useDebouncedRequest';
import { useT } from '../utils/useT';

const NO_PROBLEMS: FormProblems = { fields: {}, definition: [], general: null };

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Box background="neutral0" padding={6} hasRadius shadow="tableShadow">
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography variant="delta" tag="h2">
          {title}
        </Typography>
        {children}
      </Flex>
    </Box>
  );
}

export function MessageFormPage() {
  const { eventKey = '', id } = useParams();
  const api = useEventsApi();
  const t = useT();
  const { locale } = useIntl();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const { canWrite, canTest, canSeePersonal } = useEventPermissions();
  const [event, setEvent] = useState<EventDetail | null>(null);
  const [message, setMessage] = useState<EventMessage | null>(null);
  const [templates, setTemplates] = useState<TemplateChoice[] | null>(null);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [saved, setSaved] = useState<string | null>(id ? null : JSON.stringify(toInput(emptyDraft())));
  const [failure, setFailure] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [server, setServer] = useState<FormProblems>(NO_PROBLEMS);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    api.get(eventKey).then(setEvent, (e: unknown) => setFailure(callProblems(t, e).general ?? t('event.problem.generic')));
    api.templates().then(setTemplates, () => setTemplates([]));
    if (id)
      api.message(eventKey, id).then(
        (m) => {
          setMessage(m);
          setDraft(fromMessage(m));
          setSaved(JSON.stringify(toInput(fromMessage(m))));
        },
        (e: unknown) => setFailure(callProblems(t, e).general ?? t('event.problem.generic')),
      );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs when the page's event or message changes
  }, [eventKey, id]);

  const editable = canWrite && (!message || message.status === 'pending') && !event?.cancelled;
  const readOnlyReason = !canWrite
    ? t('event.why.noWrite')
    : message && message.status !== 'pending'
      ? t('event.form.readOnly', { status: t(`event.status.${message.status}`) })
      : event?.cancelled
        ? t('event.why.cancelled')
        : null;
  const input = useMemo(() => toInput(draft), [draft]);
  const dirty = editable && saved !== null && JSON.stringify(input) !== saved;
  const guard = useLeaveGuard(dirty);

  // The form's own problems (the shared schema; the builder's for specific holders), shown after a save attempt.
  const own = useMemo(() => {
    const p = formProblems(t, checkDraft(draft));
    if (draft.recipientKind === 'definition') {
      const d = checkDefinition(draft.definition);
      if (!d.ok) p.definition.push(...d.problems.map((x) => ({ path: x.path, message: x.message })));
    }
    return p;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- t is a new function each render; the problems follow the draft
  }, [draft]);
  const errors = { ...(showAll ? own.fields : {}), ...server.fields };
  const definitionProblems = [...own.definition, ...server.definition];

  const change = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setServer(NO_PROBLEMS);
  };
  const changeChannel = (channel: MessageChannel) => {
    const keep = templates?.find((x) => x.documentId === draft.template && (x.channel ?? 'email') === channel);
    change({ channel, template: keep ? draft.template : null });
  };

  /** The live count is about who would get it: for a message that went (or will not go) out, its history tells. */
  const planned = !message || message.status === 'pending';
  // The live count of who would get it now (debounced; stale requests aborted).
  const query = countQuery(draft);
  const count = useDebouncedRequest(planned && query ? JSON.stringify(query) : null, (signal) => api.count(eventKey, query!, signal), 400);
  const counted = count.state === 'done' ? count.value : count.state === 'loading' || count.state === 'error' ? count.previous : undefined;
  const countProblem = count.state === 'error' ? callProblems(t, count.error) : null;

  // Preview and test need a template and recipients that can be counted (the server checks the rest).
  const sendable = draft.template && query ? input : null;

  const save = async () => {
    setShowAll(true);
    if (Object.keys(own.fields).length || own.definition.length) {
      toggleNotification({ type: 'warning', message: t('event.form.fixProblems') });
      return;
    }
    setSaving(true);
    try {
      const result = message ? await api.update(eventKey, message.id, input) : await api.create(eventKey, input);
      setSaved(JSON.stringify(input));
      guard.allow();
      toggleNotification({ type: 'success', message: t('event.form.saved', { name: result.name }) });
      navigate(eventPath(eventKey));
    } catch (error) {
      const p = callProblems(t, error);
      setServer(p);
      toggleNotification({ type: 'danger', message: p.general ?? t('event.form.fixProblems') });
    } finally {
      setSaving(false);
    }
  };

  if (failure) {
    return (
      <Layouts.Root>
        <Layouts.Header title={t('event.form.title')} navigationAction={<BackLink to={eventPath(eventKey)}>{t('event.back')}</BackLink>} />
        <Layouts.Content>
          <Alert variant="danger" closeLabel={t('event.close')} data-testid="message-error">
            {failure}
          </Alert>
        </Layouts.Content>
      </Layouts.Root>
    );
  }
  if (!event || (id && !message)) return <Page.Loading />;

  const title = message ? message.name : t('event.form.new');
  const ofChannel = templates === null ? null : templates.filter((x) => (x.channel ?? 'email') === draft.channel);
  return (
    <Layouts.Root>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('event.form.subtitle', { event: event.name, start: formatDateTime(event.startsAt, locale) })}
        navigationAction={<BackLink to={eventPath(eventKey)}>{t('event.back')}</BackLink>}
        secondaryAction={message ? <MessageStatusBadge status={message.status} /> : undefined}
        primaryAction={
          editable ? (
            <Button loading={saving} onClick={save} data-testid="message-save">
              {t('event.form.save')}
            </Button>
          ) : message ? (
            <Button variant="secondary" startIcon={<ClockCounterClockwise />} onClick={() => navigate(`${eventPath(eventKey)}/messages/${message.id}/history`)}>
              {t('event.messages.history')}
            </Button>
          ) : undefined
        }
      />
      <Layouts.Content>
        {guard.dialog}
        <Flex direction="column" alignItems="stretch" gap={4}>
          {readOnlyReason && (
            <Alert variant="default" closeLabel={t('event.close')} data-testid="message-readonly">
              {readOnlyReason}
              {message?.reason ? ` ${t('event.form.reason', { reason: message.reason })}` : ''}
            </Alert>
          )}
          {server.general && (
            <Alert variant="danger" closeLabel={t('event.close')} onClose={() => setServer({ ...server, general: null })} data-testid="message-problem">
              {server.general}
            </Alert>
          )}
          <Grid.Root gap={6}>
            <Grid.Item col={7} s={12} direction="column" alignItems="stretch">
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Section title={t('event.form.section.message')}>
                  <Field.Root name="name" error={errors.name} required>
                    <Field.Label>{t('event.form.name')}</Field.Label>
                    <TextInput
                      disabled={!editable}
                      value={draft.name}
                      onChange={(e: React.ChangeEvent<HTMLInputElement>) => change({ name: e.target.value })}
                    />
                    <Field.Error />
                  </Field.Root>
                  <Field.Root name="channel" error={errors.channel}>
                    <Field.Label>{t('event.form.channel')}</Field.Label>
                    <Radio.Group
                      value={draft.channel}
                      disabled={!editable}
                      onValueChange={(v: string) => changeChannel(v as MessageChannel)}
                      aria-label={t('event.form.channel')}
                    >
                      {MESSAGE_CHANNELS.map((c) => (
                        <Radio.Item key={c} value={c}>
                          {t(`event.channel.${c}`)}
                        </Radio.Item>
                      ))}
                    </Radio.Group>
                    <Field.Error />
                  </Field.Root>
                  {/* A new list per channel: the choice's typed text of the other channel would filter this one's options. */}
                  <ChoiceField
                    key={draft.channel}
                    name="template"
                    label={t(draft.channel === 'sms' ? 'event.form.templateSms' : 'event.form.template')}
                    value={draft.template}
                    options={ofChannel}
                    disabled={!editable}
                    error={errors.template}
                    hint={t('event.form.templateHint')}
                    onChange={(template) => change({ template })}
                  />
                  <Field.Root name="language" error={errors.language} hint={t('event.form.languageHint')}>
                    <Field.Label>{t('event.form.language')}</Field.Label>
                    <SingleSelect
                      value={draft.language}
                      disabled={!editable}
                      aria-label={t('event.form.language')}
                      onChange={(v: string | number) => change({ language: String(v) as LanguageMode })}
                    >
                      {LANGUAGE_MODES.map((l) => (
                        <SingleSelectOption key={l} value={l}>
                          {t(`event.form.language.${l}`)}
                        </SingleSelectOption>
                      ))}
                    </SingleSelect>
                    <Field.Hint />
                    <Field.Error />
                  </Field.Root>
                  <Field.Root name="customText" error={errors.customText} hint={t('event.form.customTextHint')}>
                    <Field.Label>{t('event.form.customText')}</Field.Label>
                    <Textarea
                      disabled={!editable}
                      value={draft.customText}
                      rows={5}
                      onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => change({ customText: e.target.value })}
                    />
                    <Field.Hint />
                    <Field.Error />
                  </Field.Root>
                </Section>
                <Section title={t('event.form.section.when')}>
                  <TimingFields
                    timing={draft.timing}
                    hours={draft.hours}
                    event={event}
                    error={errors.timing}
                    disabled={!editable}
                    onChange={(patch) => change(patch)}
                  />
                </Section>
                <Section title={t('event.form.section.recipients')}>
                  <RecipientsFields
                    draft={draft}
                    errors={errors}
                    definitionProblems={definitionProblems}
                    showAll={showAll}
                    disabled={!editable}
                    onChange={change}
                  />
                  <ConsentsFields draft={draft} errors={errors} disabled={!editable} onChange={change} />
                </Section>
              </Flex>
            </Grid.Item>
            <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
              <Flex direction="column" alignItems="stretch" gap={4}>
                {planned && (
                  <Box background="neutral0" padding={5} hasRadius shadow="tableShadow" aria-live="polite">
                    <Typography variant="sigma" textColor="neutral600">
                      {t('event.count.title')}
                    </Typography>
                    <Flex gap={2} alignItems="baseline" paddingTop={2}>
                      <Typography variant="alpha" data-testid="message-count" data-value={counted ?? ''}>
                        {query === null ? '—' : counted === undefined ? '…' : counted.toLocaleString(locale)}
                      </Typography>
                      <Typography textColor="neutral600">{t('event.count.of', { n: event.ticketHolders.toLocaleString(locale) })}</Typography>
                      {count.state === 'loading' && <Loader small>{t('event.count.loading')}</Loader>}
                    </Flex>
                    <Typography variant="pi" textColor={countProblem ? 'danger600' : 'neutral600'}>
                      {countProblem
                        ? (countProblem.general ?? Object.values(countProblem.fields)[0] ?? t('event.count.failed'))
                        : query === null
                          ? t('event.count.incomplete')
                          : t('event.count.hint')}
                    </Typography>
                  </Box>
                )}
                <Flex gap={2}>
                  <MessageTestDialog eventKey={eventKey} channel={draft.channel} input={sendable} disabled={!canTest || !canSeePersonal} />
                </Flex>
                {canSeePersonal ? (
                  <MessagePreview eventKey={eventKey} input={sendable} />
                ) : (
                  <Typography textColor="neutral600">{t('event.preview.noRight')}</Typography>
                )}
              </Flex>
            </Grid.Item>
          </Grid.Root>
        </Flex>
      </Layouts.Content>
    </Layouts.Root>
  );
}
