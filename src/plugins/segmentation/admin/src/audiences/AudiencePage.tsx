/**
 * "Ontvangers" of a mailing (/plugins/mailings/audiences/:documentId): the steps (saved with Bewaar),
 * the wave group, "Genereer ontvangers", the review of what was generated ("Mailingadressen": counts,
 * the holders, add and remove by hand) and the send actions. A disabled action says why.
 */
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Box, Button, Checkbox, Flex, Typography } from '@strapi/design-system';
import { ArrowClockwise, Check } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { mailingPath, useAudienceApi, type Audience, type Choice, type Mailing } from './api';
import { AddHolderBox } from './AddHolderBox';
import { useStepLabel } from './labels';
import { MembersTable } from './MembersTable';
import { ReviewPanel } from './ReviewPanel';
import { SendPanel } from './SendPanel';
import { StepEditor } from './StepEditor';
import { WaveGroupField } from './WaveGroupField';
import { sameDraft, stepProblems, toDraft, toInput, type Draft, type StepProblems } from './steps-state';
import { BackLink } from '../campaigns/BackLink';
import { problemText } from '../campaigns/problems';
import { useCampaignPermissions } from '../campaigns/usePermissions';
import { DownloadButton } from '../components/DownloadButton';
import { Why } from '../components/Why';
import { useT } from '../utils/useT';
import { isEditable, STATUS } from '../../../shared/campaign-lifecycle';

const NO_PROBLEMS: StepProblems = { steps: {}, general: [] };

export function AudiencePage() {
  const { documentId = '' } = useParams();
  const t = useT();
  const api = useAudienceApi();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const { canWrite, canSend, canExport } = useCampaignPermissions();
  const [mailing, setMailing] = useState<Mailing | null>(null);
  const [audience, setAudience] = useState<Audience | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saved, setSaved] = useState<Draft | null>(null);
  const [segments, setSegments] = useState<Choice[]>([]);
  const [mailings, setMailings] = useState<Choice[]>([]);
  const [problems, setProblems] = useState<StepProblems>(NO_PROBLEMS);
  const [busy, setBusy] = useState<'save' | 'generate' | null>(null);
  const label = useStepLabel(audience, segments, mailings);

  const loaded = (a: Audience) => {
    setAudience(a);
    const d = toDraft(a);
    // Keep what the form knows of uploaded lists (name, kept count): the server answers only their keys.
    setDraft((old) => ({
      ...d,
      steps: d.steps.map((s, i) => (old?.steps[i]?.list?.key === s.list?.key && old?.steps[i]?.list ? { ...s, list: old.steps[i]!.list } : s)),
    }));
    setSaved(d);
  };

  useEffect(() => {
    Promise.all([api.mailing(documentId), api.load(documentId)]).then(
      ([m, a]) => (setMailing(m), loaded(a)),
      () => {
        toggleNotification({ type: 'danger', message: t('audience.notFound') });
        navigate('/plugins/mailings/campaigns');
      },
    );
    api.segments().then(setSegments, () => undefined);
    api.mailings().then(
      (list) => setMailings(list.filter((m) => m.documentId !== documentId)),
      () => undefined,
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs only when the values listed change
  }, [documentId]);

  // While the mailing is being sent, follow its status (the "Meld gereed" button waits for "sent").
  const sending = mailing?.status === STATUS.sending;
  useEffect(() => {
    if (!sending) return;
    const timer = setInterval(() => api.mailing(documentId).then(setMailing, () => undefined), 3000);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- as above
  }, [sending, documentId]);

  if (!mailing || !audience || !draft || !saved) return <Page.Loading />;
  const editable = isEditable(mailing.status) && canWrite;
  const dirty = !sameDraft(draft, saved);
  // Why Bewaar / Genereer are disabled (a call under way needs no reason: it ends by itself).
  const fixed = !canWrite ? t('audience.why.noWrite') : !isEditable(mailing.status) ? t('audience.why.notEditable') : null;
  const saveReason = fixed ?? (!dirty ? t('audience.why.nothingChanged') : null);
  const generateReason = fixed ?? (draft.steps.length === 0 ? t('audience.why.noSteps') : null);

  /** Saves the steps; true when saved (or nothing to save). */
  const save = async (): Promise<boolean> => {
    if (!dirty) return true;
    setBusy('save');
    setProblems(NO_PROBLEMS);
    try {
      loaded(await api.save(documentId, toInput(draft)));
      toggleNotification({ type: 'success', message: t('audience.saved') });
      return true;
    } catch (error) {
      setProblems(stepProblems(error, draft.steps));
      toggleNotification({ type: 'danger', message: t('audience.saveFailed') });
      return false;
    } finally {
      setBusy(null);
    }
  };

  const generate = async () => {
    if (!(await save())) return;
    setBusy('generate');
    try {
      loaded(await api.generate(documentId));
      toggleNotification({ type: 'success', message: t('audience.generated') });
    } catch (error) {
      toggleNotification({ type: 'danger', message: problemText(error, t, 'audience.failed') });
    } finally {
      setBusy(null);
    }
  };

  const manual = async (mode: 'add' | 'remove', uid: string, reason?: string) => {
    try {
      loaded(await api.manual(documentId, { mode, uids: [uid], ...(reason ? { reason } : {}) }));
      toggleNotification({ type: 'success', message: t(`audience.manual.${mode}Ok`, { uid }) });
      return true;
    } catch (error) {
      const unknown = (error as { response?: { data?: { error?: { status?: number } } } }).response?.data?.error?.status === 400;
      toggleNotification({ type: 'danger', message: unknown ? t('audience.manual.unknown', { uid }) : problemText(error, t, 'audience.failed') });
      return false;
    }
  };

  const g = audience.generated;
  const version = g ? `${g.at}-${g.version}-${audience.manual.length}-${g.total}-${g.channels?.changedByHand ?? 0}` : 'none';
  const title = t('audience.title', { name: mailing.name });
  return (
    <Layouts.Root>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('audience.subtitle')}
        navigationAction={<BackLink to={mailingPath(documentId)}>{t('audience.back')}</BackLink>}
        primaryAction={
          <Flex gap={2}>
            <Why reason={saveReason}>
              <Button variant="secondary" startIcon={<Check />} loading={busy === 'save'} disabled={Boolean(saveReason) || busy !== null} onClick={save}>
                {t('audience.save')}
              </Button>
            </Why>
            <Why reason={generateReason}>
              <Button startIcon={<ArrowClockwise />} loading={busy === 'generate'} disabled={Boolean(generateReason) || busy !== null} onClick={generate}>
                {t('audience.generate')}
              </Button>
            </Why>
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            <SendPanel mailing={mailing} canSend={canSend} dirty={dirty} onChanged={setMailing} />
          </Box>
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Typography variant="delta" tag="h2">
                {t('audience.steps.title')}
              </Typography>
              <Typography textColor="neutral600">{t('audience.steps.help')}</Typography>
              {problems.general.map((p, i) => (
                <Typography key={i} textColor="danger600" data-testid="audience-problem">
                  {t(p.id, p.values)}
                </Typography>
              ))}
              <StepEditor
                steps={draft.steps}
                onChange={(steps, edited) => {
                  setDraft({ ...draft, steps });
                  // A step's problems go once it is edited; all go when steps move (they are kept by index).
                  setProblems((p) =>
                    edited === null ? NO_PROBLEMS : { ...p, steps: Object.fromEntries(Object.entries(p.steps).filter(([i]) => Number(i) !== edited)) },
                  );
                }}
                segments={segments}
                mailings={mailings}
                counts={!dirty && g ? audience.steps : null}
                problems={problems.steps}
                disabled={!editable}
              />
              <Flex gap={4} alignItems="flex-end" wrap="wrap">
                <WaveGroupField
                  value={draft.waveGroup}
                  groups={audience.waveGroups ?? []}
                  disabled={!editable}
                  onChange={(waveGroup) => setDraft({ ...draft, waveGroup })}
                />
                <Checkbox
                  checked={draft.leaveOutEarlier}
                  disabled={!editable || !draft.waveGroup.trim()}
                  onCheckedChange={(v: boolean | 'indeterminate') => setDraft({ ...draft, leaveOutEarlier: v === true })}
                >
                  {t('audience.wave.leaveOut')}
                </Checkbox>
              </Flex>
            </Flex>
          </Box>
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius data-testid="review">
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Flex justifyContent="space-between" gap={2}>
                <Typography variant="delta" tag="h2">
                  {t('audience.review.title')}
                </Typography>
                {g && (
                  <DownloadButton
                    url={`/segmentation/downloads/campaigns/${documentId}/audience`}
                    name={`ontvangers-${mailing?.name ?? documentId}`}
                    label={t('audience.review.download')}
                    disabledReason={!canExport && t('audience.review.noExport')}
                    testId="audience-download"
                  />
                )}
              </Flex>
              {!g ? (
                <Typography textColor="neutral600" data-testid="not-generated">
                  {t('audience.review.none')}
                </Typography>
              ) : (
                <>
                  <ReviewPanel
                    audience={audience}
                    generated={g}
                    label={label}
                    generating={busy === 'generate'}
                    canWrite={editable}
                    onGenerate={generate}
                    channel={mailing.channel}
                  />
                  {editable && <AddHolderBox disabled={busy !== null} onAdd={(uid) => manual('add', uid)} />}
                  <MembersTable
                    documentId={documentId}
                    version={version}
                    label={label}
                    canWrite={editable}
                    onRemove={(uid, reason) => manual('remove', uid, reason)}
                    channel={g.channels ? (g.channel ?? 'email') : undefined}
                    onChannelsChanged={loaded}
                  />
                </>
              )}
            </Flex>
          </Box>
        </Flex>
      </Layouts.Content>
    </Layouts.Root>
  );
}

export default AudiencePage;
