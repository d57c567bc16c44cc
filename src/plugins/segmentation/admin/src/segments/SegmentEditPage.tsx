/** The segment builder: name, filter groups, exclude groups, live counts, save. */
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, Box, Button, Field, Flex, Grid, Loader, TextInput, Textarea, Typography } from '@strapi/design-system';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import type { DefinitionProblem } from '../../../shared/definition';
import { checkDraft, countableDefinition, emptyDraft, fromDraft, lacksCardSystemFilter, toDraft, type Draft } from './builder-state';
import { GroupsEditor } from './GroupsEditor';
import { problemText, serverProblems } from './problems';
import { useLeaveGuard } from './useLeaveGuard';
import { useSameName } from './useSameName';
import { BackLink } from '../campaigns/BackLink';
import { LiveCounts } from './LiveCounts';
import { NotFound } from './NotFound';
import { useSegmentsApi } from './api';
import { useLiveCount } from './useLiveCount';
import { usePermissions } from './usePermissions';
import { CardSystemField } from '../partners/CardSystemField';
import { cardSystemBody, initialCardSystem, mustChoose } from '../partners/card-system';
import { useMe } from '../partners/useMe';
import { problemOf } from '../templates/errors';
import { useT } from '../utils/useT';

export const BASE = '/plugins/segmentation';
/** The Mailings pages (templates, senders, campaigns). */
export const MAIL_BASE = '/plugins/mailings';

export function SegmentEditPage() {
  const { documentId } = useParams();
  const api = useSegmentsApi();
  const t = useT();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const { canWrite, isLoading: permissionsLoading } = usePermissions();
  const readOnly = !canWrite;
  const me = useMe();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [cardSystem, setCardSystem] = useState('');
  const [cardSystemError, setCardSystemError] = useState<string | undefined>();
  const [loading, setLoading] = useState(Boolean(documentId));
  const [notFound, setNotFound] = useState(false);
  const [saving, setSaving] = useState(false);
  const [nameError, setNameError] = useState<string | undefined>();
  const [unreadable, setUnreadable] = useState<{ unreadable: number; top: { value: string; holders: number }[] } | null>(null);
  /** After a save attempt every problem shows; before it only those of fields the person touched. */
  const [showAll, setShowAll] = useState(false);
  /** Problems the server found at the last save (unknown keys, ...), until the definition changes. */
  const [saveProblems, setSaveProblems] = useState<DefinitionProblem[]>([]);
  // What was last loaded or saved: leaving with anything else asks first.
  const snapshot = JSON.stringify([name, description, fromDraft(draft), cardSystem]);
  const [saved, setSaved] = useState<string | null>(null);
  const dirty = !readOnly && saved !== null && snapshot !== saved;
  const guard = useLeaveGuard(dirty);
  const sameName = useSameName(name, documentId);

  useEffect(() => {
    setNotFound(false);
    if (!documentId) return;
    api.get(documentId).then(
      (s) => {
        setName(s.name);
        setDescription(s.description ?? '');
        setDraft(toDraft(s.definition));
        setCardSystem(s.cardSystem ?? '');
        setSaved(JSON.stringify([s.name, s.description ?? '', fromDraft(toDraft(s.definition)), s.cardSystem ?? '']));
        setLoading(false);
      },
      () => setNotFound(true),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs only when the values listed change
  }, [documentId]);
  // A new segment of a user with one card system is filed under it.
  useEffect(() => {
    if (documentId || !me) return;
    const initial = initialCardSystem(me);
    setCardSystem((c) => c || initial);
    setSaved((s) => s ?? JSON.stringify(['', '', fromDraft(emptyDraft()), initial]));
  }, [me, documentId]);

  const check = useMemo(() => checkDraft(draft), [draft]);
  // The live count asks only for the complete filters: an incomplete one changes no count.
  const countable = useMemo(() => countableDefinition(draft), [draft]);
  const live = useLiveCount(countable.definition, cardSystem);
  const problems = [...(check.ok ? [] : check.problems), ...saveProblems];
  const contributions = (index: number[], counts: number[] | undefined) => index.map((i) => (i < 0 ? undefined : counts?.[i]));
  const changeDraft = (next: Draft) => (setDraft(next), setSaveProblems([]));
  /** The include or exclude groups, each group with its part of the live count. */
  const groupsEditor = (section: 'groups' | 'exclude') => (
    <GroupsEditor
      section={section}
      draft={draft}
      problems={problems}
      showAll={showAll}
      readOnly={readOnly}
      contributions={
        live.state !== 'done'
          ? undefined
          : section === 'groups'
            ? contributions(countable.groupIndex, live.counts.groups)
            : contributions(countable.excludeIndex, live.counts.excluded)
      }
      onChange={changeDraft}
    />
  );
  const usesPostcode = draft.groups.concat(draft.exclude).some((g) => g.filters.some((f) => f.type === 'postcode'));

  useEffect(() => {
    if (usesPostcode && !unreadable) api.unreadablePostcodes().then(setUnreadable, () => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs only when the values listed change
  }, [usesPostcode]);

  const save = async (then: 'stay' | 'preview' | 'exit') => {
    setShowAll(true);
    if (!name.trim()) return setNameError(t('segment.nameRequired'));
    if (mustChoose(me, cardSystem)) return setCardSystemError(t('partners.cardSystem.required'));
    if (!check.ok) {
      // Problems outside a filter (a section without groups) have no field to show at: named here.
      const general = check.problems.find((p) => p.path[2] !== 'filters');
      return toggleNotification({ type: 'warning', message: general ? problemText(general, t) : t('segment.fixProblems') });
    }
    setSaving(true);
    try {
      const body = { name: name.trim(), description: description || null, definition: check.definition, ...cardSystemBody(me, cardSystem) };
      const result = documentId ? await api.update(documentId, body) : await api.create(body);
      toggleNotification({ type: 'success', message: t('segment.saved') });
      setSaved(snapshot);
      guard.allow();
      if (then === 'preview') navigate(`${BASE}/${result.documentId}/preview`);
      else if (then === 'exit') navigate(BASE);
      else if (!documentId) navigate(`${BASE}/${result.documentId}`, { replace: true });
    } catch (error) {
      // The server's messages are English (the API's): shown in words of the UI at their fields.
      const problem = problemOf(error);
      if (problem.fields.cardSystem) setCardSystemError(t('segment.cardSystemRefused'));
      if (problem.fields.name || problem.fields.description) setNameError(t('segment.nameInvalid'));
      const found = serverProblems(error).filter((p) => p.path[0] === 'groups' || p.path[0] === 'exclude');
      setSaveProblems(found);
      const message = problem.status === 429 ? t('partners.rateLimited') : found.length ? t('segment.fixProblems') : t('segment.saveFailed');
      toggleNotification({ type: 'danger', message });
    } finally {
      setSaving(false);
    }
  };

  if (notFound) return <NotFound back={BASE} />;
  if (loading) return <Page.Loading />;
  return (
    <Layouts.Root>
      <Page.Title>{name || t('segment.new')}</Page.Title>
      <Layouts.Header
        title={name || t('segment.new')}
        subtitle={t('builder.subtitle')}
        navigationAction={<BackLink to={BASE}>{t('back')}</BackLink>}
        primaryAction={
          canWrite ? (
            <Flex gap={2}>
              <Button variant="secondary" disabled={!me} loading={saving} onClick={() => save('stay')}>
                {t('save')}
              </Button>
              <Button variant="secondary" disabled={!me} loading={saving} onClick={() => save('preview')}>
                {t('saveAndPreview')}
              </Button>
              <Button disabled={!me} loading={saving} onClick={() => save('exit')}>
                {t('saveAndExit')}
              </Button>
            </Flex>
          ) : undefined
        }
      />
      <Layouts.Content>
        {guard.dialog}
        <Grid.Root gap={6}>
          <Grid.Item col={8} s={12} direction="column" alignItems="stretch">
            <Flex direction="column" alignItems="stretch" gap={4}>
              {readOnly && !permissionsLoading && (
                <Alert variant="default" closeLabel={t('close')} data-testid="read-only">
                  {t('readOnly.segment')}
                </Alert>
              )}
              <Field.Root name="name" error={nameError} hint={sameName ? t('segment.sameName', { name: name.trim() }) : undefined} required>
                <Field.Label>{t('segment.name')}</Field.Label>
                <TextInput
                  disabled={readOnly}
                  value={name}
                  onChange={(e: React.ChangeEvent<HTMLInputElement>) => (setName(e.target.value), setNameError(undefined))}
                />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
              <Field.Root name="description">
                <Field.Label>{t('segment.description')}</Field.Label>
                <Textarea disabled={readOnly} value={description} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setDescription(e.target.value)} />
              </Field.Root>
              <CardSystemField
                me={me}
                value={cardSystem}
                error={cardSystemError}
                hint={t(cardSystem ? 'partners.cardSystem.segmentHint' : 'partners.cardSystem.programmeHint')}
                disabled={!canWrite}
                onChange={(v) => (setCardSystem(v), setCardSystemError(undefined))}
              />
              {!cardSystem && lacksCardSystemFilter(draft) && (
                <Alert variant="warning" title={t('reminder.title')} closeLabel={t('close')}>
                  {t('reminder.cardSystem')}
                </Alert>
              )}
              <Typography variant="beta" tag="h2">
                {t('builder.include')}
              </Typography>
              {groupsEditor('groups')}
              <Typography variant="beta" tag="h2">
                {t('builder.exclude')}
              </Typography>
              {groupsEditor('exclude')}
              {usesPostcode && unreadable && unreadable.unreadable > 0 && (
                <Alert variant="default" title={t('postcode.unreadableTitle')} closeLabel={t('close')}>
                  {t('postcode.unreadable', {
                    n: unreadable.unreadable.toLocaleString('nl-BE'),
                    values: unreadable.top
                      .slice(0, 5)
                      .map((v) => `"${v.value}" (${v.holders})`)
                      .join(', '),
                  })}
                </Alert>
              )}
            </Flex>
          </Grid.Item>
          <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
            <Box position="sticky" top={0}>
              <LiveCounts live={live} incomplete={countable.incomplete} />
            </Box>
          </Grid.Item>
        </Grid.Root>
        {saving && <Loader small />}
      </Layouts.Content>
    </Layouts.Root>
  );
}
