/** The campaign editor (new / existing): fields, save, and for a saved campaign its send actions and progress. */
import { useEffect, useMemo, useState } from 'react';
import { NavLink, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Alert, Box, Button, Flex, LinkButton, Typography } from '@strapi/design-system';
import { ChartPie } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { BASE, useCampaignsApi, type Campaign } from './api';
import { CampaignForm, type SegmentChoice, type TemplateChoice } from './CampaignForm';
import { checkDraft, emptyDraft, sameDraft, toDraft, toInput, type Draft } from './form-state';
import { fmtDate } from './format';
import { BackLink } from './BackLink';
import { ProgressPanel } from './ProgressPanel';
import { SendActions } from './SendActions';
import { StatusBadge } from './StatusBadge';
import { useCampaignPermissions } from './usePermissions';
import { useUnsavedGuard } from './UnsavedGuard';
import { Why } from '../components/Why';
import { MailNav } from '../templates/MailNav';
import { useT } from '../utils/useT';
import { lastErrorText, problemFields, problemText } from './problems';
import { isEditable, scheduledStart, STATUS } from '../../../shared/campaign-lifecycle';

function withCurrent<T extends { documentId: string }>(list: T[] | null, current: T | null | undefined): T[] | null {
  return list && current && !list.some((x) => x.documentId === current.documentId) ? [...list, current] : list;
}

export function CampaignEditPage() {
  const { documentId } = useParams();
  const [search] = useSearchParams();
  const api = useCampaignsApi();
  const t = useT();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const { canWrite, canSend } = useCampaignPermissions();
  const [campaign, setCampaign] = useState<Campaign | null>(null);
  // "Mailing versturen" from a segment or a template page: ?segment=<documentId> / ?template=<documentId>.
  const [initial] = useState<Draft>(() => emptyDraft(search.get('segment'), search.get('template')));
  const [draft, setDraft] = useState<Draft>(initial);
  const [saved, setSaved] = useState<Draft | null>(null);
  const [segments, setSegments] = useState<SegmentChoice[] | null>(null);
  const [templates, setTemplates] = useState<TemplateChoice[] | null>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [showErrors, setShowErrors] = useState(false);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    // The list holds the 100 most recently changed segments; the chosen one is added when older.
    const chosen = draft.segment;
    api.segments().then(
      async (list) =>
        setSegments(
          !chosen || list.some((s) => s.documentId === chosen)
            ? list
            : [
                ...list,
                ...(await api.segment(chosen).then(
                  (s) => [s],
                  () => [],
                )),
              ],
        ),
      () => setSegments([]),
    );
    api.templates().then(setTemplates, () => setTemplates([]));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs only when the values listed change
  }, []);
  const loaded = (c: Campaign) => {
    setCampaign(c);
    setDraft(toDraft(c));
    setSaved(toDraft(c));
  };
  useEffect(() => {
    if (!documentId) return;
    api.get(documentId).then(loaded, () => {
      toggleNotification({ type: 'danger', message: t('campaign.notFound') });
      navigate(BASE);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs only when the values listed change
  }, [documentId]);

  const editable = !campaign || isEditable(campaign.status);
  // A scheduled campaign sends by itself: only someone who may send changes or unschedules it.
  const lockedBySchedule = campaign?.status === STATUS.scheduled && !canSend;
  const dirty = !saved || !sameDraft(draft, saved);
  // What leaving would lose: changes to the loaded campaign, or anything typed into a new one.
  const guard = useUnsavedGuard(!sameDraft(draft, saved ?? initial));
  const problems = useMemo(() => checkDraft(draft), [draft]);
  const errors = { ...(showErrors ? Object.fromEntries(Object.entries(problems).map(([k, v]) => [k, t(v)])) : {}), ...serverErrors };

  /** Saves the draft; answers the saved campaign, or null when it could not be saved. */
  const save = async (): Promise<Campaign | null> => {
    setShowErrors(true);
    if (Object.keys(problems).length > 0) return null;
    setSaving(true);
    setServerErrors({});
    try {
      const answer = documentId ? await api.update(documentId, toInput(draft)) : await api.create(toInput(draft));
      // Read back whole (the answer holds the template without its sender, which the confirmation shows).
      const c = await api.get(answer.documentId).catch(() => answer);
      loaded(c);
      toggleNotification({ type: 'success', message: t('campaign.saved') });
      if (!documentId) {
        guard.allowNext(); // the state just saved is rendered after this navigation
        navigate(`${BASE}/${c.documentId}`, { replace: true });
      }
      return c;
    } catch (error) {
      setServerErrors(problemFields(error, t));
      toggleNotification({ type: 'danger', message: problemText(error, t, 'campaign.saveFailed') });
      return null;
    } finally {
      setSaving(false);
    }
  };

  // The campaign's own segment and template are choices even when the lists do not hold them.
  const segmentChoices = withCurrent(segments, campaign?.segment && { lastTotal: null, lastWithEmail: null, ...campaign.segment });
  const templateChoices = withCurrent<TemplateChoice>(
    withCurrent<TemplateChoice>(
      withCurrent<TemplateChoice>(templates, campaign?.template),
      campaign?.letterTemplate && { ...campaign.letterTemplate, channel: 'letter' as const },
    ),
    campaign?.smsTemplate && { ...campaign.smsTemplate, channel: 'sms' as const },
  );

  if (documentId && !campaign) return <Page.Loading />;
  const saveBlocked = !canWrite
    ? t('campaign.why.noWrite')
    : lockedBySchedule
      ? t('campaign.editor.scheduledLocked')
      : !dirty && t('campaign.why.nothingChanged');
  // Why the form is read-only, if it is: the status, the role, or a schedule only a sender may change.
  const readOnly = campaign && !editable ? t(`campaign.readOnly.${campaign.status}`) : !canWrite ? t('campaign.readOnly.role') : null;
  const title = campaign?.name ?? t('campaign.editor.new');
  return (
    <Layouts.Root>
      <Page.Title>{title}</Page.Title>
      {guard.element}
      <Layouts.Header
        title={title}
        subtitle={
          campaign ? (
            <Flex gap={2}>
              <StatusBadge status={campaign.status} />
              <Typography textColor="neutral600">{t('campaign.editor.created', { date: fmtDate(campaign.createdAt) })}</Typography>
            </Flex>
          ) : (
            t('campaign.editor.subtitle')
          )
        }
        navigationAction={<BackLink to={BASE}>{t('campaign.back')}</BackLink>}
        primaryAction={
          <Flex gap={2}>
            {campaign && (
              <LinkButton tag={NavLink} variant="tertiary" to={`/plugins/mailings/audiences/${campaign.documentId}`}>
                {t('audience.open')}
              </LinkButton>
            )}
            {campaign && !editable && (
              <Button variant="secondary" startIcon={<ChartPie />} onClick={() => navigate(`${BASE}/${campaign.documentId}/stats`)}>
                {t('campaign.editor.stats')}
              </Button>
            )}
            {editable && (
              <Why reason={saveBlocked}>
                <Button variant="secondary" loading={saving} disabled={Boolean(saveBlocked)} onClick={save}>
                  {t('campaign.save')}
                </Button>
              </Why>
            )}
            <SendActions campaign={campaign} dirty={dirty} onSave={save} onChanged={loaded} />
          </Flex>
        }
      />
      <Layouts.Content>
        <MailNav />
        <Flex direction="column" alignItems="stretch" gap={4}>
          {campaign && scheduledStart(campaign) !== null && (
            <Alert variant="default" title={t('campaign.editor.scheduledTitle')} closeLabel={t('campaign.close')}>
              {t('campaign.editor.scheduled', { date: fmtDate(campaign.scheduledAt) })}
            </Alert>
          )}
          {campaign?.lastError && (
            <Alert variant="danger" title={t('campaign.editor.lastError')} closeLabel={t('campaign.close')}>
              {lastErrorText(campaign.lastError, t)}
              <Typography variant="pi" textColor="neutral600" tag="p">
                {t('campaign.problem.technical', { message: campaign.lastError })}
              </Typography>
            </Alert>
          )}
          {campaign && !editable && <ProgressPanel campaign={campaign} onStatusChange={() => api.get(campaign.documentId).then(loaded, () => undefined)} />}
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            {readOnly && (
              <Box paddingBottom={4}>
                <Alert variant="default" title={t('campaign.readOnly.title')} closeLabel={t('campaign.close')} data-testid="campaign-readonly">
                  {readOnly}
                </Alert>
              </Box>
            )}
            {campaign?.excludeRecentlyMailed && (
              <Box paddingBottom={4}>
                <Typography textColor="neutral600" data-testid="campaign-left-out">
                  {t('campaign.editor.leftOut', { days: campaign.recentDays ?? 21 })}
                </Typography>
              </Box>
            )}
            {editable && canWrite && lockedBySchedule && (
              <Box paddingBottom={4}>
                <Typography textColor="neutral600">{t('campaign.editor.scheduledLocked')}</Typography>
              </Box>
            )}
            <CampaignForm
              draft={draft}
              onChange={setDraft}
              errors={errors}
              disabled={!editable || !canWrite || lockedBySchedule}
              canSchedule={canSend}
              segments={segmentChoices}
              templates={templateChoices}
              campaign={campaign}
            />
          </Box>
        </Flex>
      </Layouts.Content>
    </Layouts.Root>
  );
}
