/**
 * The template editor: the partner and the form on the left, the live preview of the unsaved draft on
 * the right, test mails. Without `personal.read` (a Viewer) there is no personalised preview; without
 * `templates.write` the editor is read-only and says so. Leaving with unsaved changes asks first.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { Alert, Box, Button, Flex, Grid, Typography } from '@strapi/design-system';
import { Check, PaperPlane } from '@strapi/icons';
import { BackButton, Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { BASE, useTemplatesApi, type HouseStyle, type SenderAddress } from './api';
import type { FieldErrors } from './errors';
import { emptyForm, previewable, previewablePayload, toForm, toPayload, type TemplateForm } from './form-state';
import { ChannelChoice } from './ChannelChoice';
import { ChannelPreview, channelTestButton } from './ChannelPreview';
import { LetterFields } from './LetterFields';
import { SmsFields } from './SmsFields';
import { DuplicateNameDialog, MailViewDialog } from './EditorDialogs';
import { PreviewPanel } from './PreviewPanel';
import { useTemplateProblem } from './problem-text';
import { TemplateFields } from './TemplateFields';
import { TestMailDialog } from './TestMailDialog';
import { UnsavedChangesDialog, UnsavedChangesGuard } from './UnsavedChangesGuard';
import { useMailPermissions } from './usePermissions';
import { usePreview } from './usePreview';
import { useSegmentChoices } from './useSegmentChoices';
import { WithReason } from './WithReason';
import { LanguageSwitcher } from './LanguageSwitcher';
import type { TemplateLanguage } from './form-state';
import { CardSystemField } from '../partners/CardSystemField';
import { cardSystemBody, initialCardSystem, mustChoose } from '../partners/card-system';
import { useMe } from '../partners/useMe';
import { useCampaignPermissions } from '../campaigns/usePermissions';
import { useT } from '../utils/useT';

type Then = 'stay' | 'view' | 'exit';
const snapshot = (form: TemplateForm) => JSON.stringify(form);

export function TemplateEditPage() {
  const { documentId } = useParams();
  const api = useTemplatesApi();
  const problemOf = useTemplateProblem();
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const { toggleNotification } = useNotification();
  const { canWrite, canTest, canSeePersonal, isLoading: permissionsLoading } = useMailPermissions();
  const { canWrite: canMakeMailing } = useCampaignPermissions();
  const me = useMe();
  const [cardSystem, setCardSystem] = useState('');
  const [form, setForm] = useState<TemplateForm>(emptyForm);
  const [loading, setLoading] = useState(Boolean(documentId));
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [houseStyles, setHouseStyles] = useState<HouseStyle[]>([]);
  const [senders, setSenders] = useState<SenderAddress[]>([]);
  const [uid, setUid] = useState('');
  const [segment, setSegment] = useState('');
  const [nonce, setNonce] = useState(0);
  // The saved subject as the made-up sample holder reads it (for roles without the personalised preview).
  const [sampleSubject, setSampleSubject] = useState<string | null>(null);
  const [sameName, setSameName] = useState<Then | null>(null);
  // The template's saved languages (issue 21); the form shows one (`form.language`), maybe a new translation.
  const [locales, setLocales] = useState<TemplateLanguage[]>([]);
  const [locale, setLocale] = useState<TemplateLanguage | undefined>(undefined);
  /** A language asked for while there were unsaved changes: the guard's question is open. */
  const [switching, setSwitching] = useState<TemplateLanguage | null>(null);
  // "Bewaar en bekijk" of a new template opens the view on the saved template's page.
  const [viewing, setViewing] = useState(Boolean((location.state as { view?: boolean } | null)?.view));
  const segments = useSegmentChoices(canSeePersonal);
  // The form as last loaded or saved: leaving with anything else asks first.
  const saved = useRef(snapshot(emptyForm()));
  const current = useRef(form);
  current.current = form;
  const dirty = useCallback(() => canWrite && snapshot(current.current) !== saved.current, [canWrite]);

  useEffect(() => {
    api.houseStyles().then(setHouseStyles, () => undefined);
    api.senders('approved').then(setSenders, () => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs only when the values listed change
  }, []);

  // Another template opens in its main language.
  useEffect(() => setLocale(undefined), [documentId]);

  useEffect(() => {
    if (!documentId) {
      setForm(emptyForm());
      saved.current = snapshot(emptyForm());
      setCardSystem(initialCardSystem(me));
      return;
    }
    setLoading(true);
    api.get(documentId, locale).then(
      (tpl) => {
        const loaded = toForm(tpl);
        setLocales((tpl.locales ?? [tpl.language]) as TemplateLanguage[]);
        saved.current = snapshot(loaded);
        setForm(loaded);
        setSampleSubject(tpl.sampleSubject ?? null);
        setCardSystem(tpl.cardSystem ?? '');
        setLoading(false);
      },
      () => {
        toggleNotification({ type: 'danger', message: t('mail.editor.notFound') });
        navigate(`${BASE}/templates`);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs only when the values listed change
  }, [documentId, locale]);
  // A new template of a user with one card system is filed under it.
  useEffect(() => {
    if (!documentId) setCardSystem((c) => c || initialCardSystem(me));
  }, [me, documentId]);

  // A new template starts with its partner's own house style (until the user changes anything).
  useEffect(() => {
    if (documentId || !cardSystem) return;
    const own = houseStyles.find((s) => s.cardSystems?.includes(cardSystem));
    if (!own || snapshot(current.current) !== saved.current || current.current.houseStyle === own.key) return;
    const next = { ...current.current, houseStyle: own.key };
    saved.current = snapshot(next);
    setForm(next);
  }, [documentId, cardSystem, houseStyles]);

  const draft = useMemo(() => previewable(form), [form]);
  const channelDraft = useMemo(() => previewablePayload(form), [form]);
  const email = form.channel === 'email';
  const preview = usePreview(loading || !canSeePersonal ? null : draft, uid, nonce, 400, segment);
  // The template's sender must be its partner's own address or a programme-wide one.
  const usable = senders.filter((s) => !s.cardSystem || !cardSystem || s.cardSystem === cardSystem);
  const shown = preview.state === 'done' ? preview.preview : preview.state === 'incomplete' ? undefined : preview.previous;
  // Problems the live preview found (a Liquid error, an unknown variable) show at the field until saved.
  const fieldErrors: FieldErrors = { ...(preview.state === 'error' ? preview.fields : {}), ...errors };

  const change = (patch: Partial<TemplateForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !(k in patch))));
  };

  /** Another template the user can see with the same name (case and spaces aside)? */
  const nameTaken = async (): Promise<boolean> => {
    const name = form.name.trim().toLowerCase();
    if (!name) return false;
    try {
      const { results } = await api.list({ q: form.name.trim(), pageSize: 100 });
      return results.some((r) => r.documentId !== documentId && r.name.trim().toLowerCase() === name);
    } catch {
      return false; // the server decides; a failed check does not stop a save
    }
  };

  const save = async (then: Then, sameNameConfirmed = false) => {
    if (mustChoose(me, cardSystem)) return setErrors({ cardSystem: t('partners.cardSystem.required') });
    setSaving(true);
    setErrors({});
    try {
      if (!sameNameConfirmed && (await nameTaken())) return setSameName(then);
      const input = { ...toPayload(form), ...cardSystemBody(me, cardSystem) };
      // A template in several languages, or a new translation: saved as the language shown.
      const adding = Boolean(documentId) && !locales.includes(form.language);
      const localeParam = documentId && (adding || locales.length > 1) ? form.language : undefined;
      const result = documentId ? await api.update(documentId, input, localeParam) : await api.create(input);
      if (result.locales) setLocales(result.locales as TemplateLanguage[]);
      saved.current = snapshot(form);
      toggleNotification({ type: 'success', message: t('mail.editor.saved') });
      if (then === 'exit') navigate(`${BASE}/templates`);
      else if (!documentId) navigate(`${BASE}/templates/${result.documentId}`, { replace: true, state: { view: then === 'view' } });
      // The page may stay mounted across new → saved (same route element) or be mounted anew (location state).
      if (then === 'view') setViewing(true);
    } catch (error) {
      const problem = problemOf(error);
      setErrors(problem.fields);
      toggleNotification({ type: 'danger', message: Object.keys(problem.fields).length ? t('mail.editor.fixProblems') : problem.message });
    } finally {
      setSaving(false);
    }
  };

  /** Another language of the template: asks first when there are unsaved changes (the guard's dialog). */
  const switchTo = (l: TemplateLanguage) => (dirty() ? setSwitching(l) : setLocale(l));
  /** A new translation starts as a copy of the language shown; saving makes it. */
  const addTranslation = (l: TemplateLanguage) => setForm((f) => ({ ...f, language: l }));
  const deleteTranslation = async () => {
    if (!documentId) return;
    try {
      const left = await api.removeLocale(documentId, form.language);
      toggleNotification({ type: 'success', message: t('mail.languages.deleted') });
      const rest = (left.locales ?? []) as TemplateLanguage[];
      setLocales(rest);
      saved.current = snapshot(form);
      setLocale(rest[0]);
    } catch (error) {
      toggleNotification({ type: 'danger', message: problemOf(error).message });
    }
  };
  const languageFixed = Boolean(documentId) && (locales.length > 1 || !locales.includes(form.language));

  if (loading) return <Page.Loading />;
  const title = form.name || t('mail.editor.new');
  const readOnly = !canWrite && !permissionsLoading;
  const saveReason = readOnly ? t('mail.readOnly.reason') : null;
  const mailingReason = !documentId
    ? t('mail.sendMailing.saveFirst')
    : snapshot(form) !== saved.current
      ? t('mail.sendMailing.unsaved')
      : !canMakeMailing
        ? t('mail.sendMailing.noRight')
        : null;
  const saveButton = (then: Then, label: string, variant: 'default' | 'secondary') => (
    <WithReason reason={saveReason}>
      <Button variant={variant} startIcon={then === 'stay' ? <Check /> : undefined} disabled={!canWrite || !me} loading={saving} onClick={() => save(then)}>
        {label}
      </Button>
    </WithReason>
  );
  return (
    <Layouts.Root>
      <Page.Title>{title}</Page.Title>
      <UnsavedChangesGuard dirty={dirty} />
      {switching && <UnsavedChangesDialog onStay={() => setSwitching(null)} onLeave={() => (setSwitching(null), setLocale(switching))} />}
      <Layouts.Header
        title={title}
        subtitle={t('mail.editor.subtitle')}
        navigationAction={
          // Strapi's ← Terug goes back in history, a navigation the guard cannot hold reliably: with
          // unsaved changes it goes to the list instead, which the guard asks about first.
          <Box
            onClickCapture={(e: React.MouseEvent) => {
              if (!dirty()) return;
              e.preventDefault();
              e.stopPropagation();
              navigate(`${BASE}/templates`);
            }}
          >
            <BackButton fallback={`${BASE}/templates`} />
          </Box>
        }
        primaryAction={
          <Flex gap={2} wrap="wrap">
            <WithReason reason={mailingReason}>
              <Button
                variant="secondary"
                startIcon={<PaperPlane />}
                disabled={Boolean(mailingReason)}
                onClick={() => navigate(`${BASE}/campaigns/new?template=${documentId}`)}
              >
                {t('mail.sendMailing')}
              </Button>
            </WithReason>
            {canTest && canSeePersonal && email && <TestMailDialog template={draft} uid={uid.trim() || shown?.recipient.uid} />}
            {canTest && canSeePersonal && channelTestButton(form.channel, channelDraft, uid.trim())}
            {saveButton('stay', t('mail.save'), 'secondary')}
            {canSeePersonal && email && saveButton('view', t('mail.saveAndView'), 'secondary')}
            {saveButton('exit', t('mail.saveAndClose'), 'default')}
          </Flex>
        }
      />
      <Layouts.Content>
        {readOnly && (
          <Box paddingBottom={4}>
            <Alert variant="default" title={t('mail.readOnly.title')} closeLabel={t('mail.close')} data-testid="read-only">
              {t('mail.readOnly.body')}
            </Alert>
          </Box>
        )}
        <Grid.Root gap={6}>
          <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
            <Flex direction="column" alignItems="stretch" gap={4}>
              <CardSystemField
                me={me}
                value={cardSystem}
                error={fieldErrors.cardSystem}
                hint={t('partners.cardSystem.templateHint')}
                disabled={!canWrite}
                onChange={(v) => (setCardSystem(v), setErrors(({ cardSystem: _omit, ...rest }) => rest))}
              />
              <ChannelChoice value={form.channel} fixed={Boolean(documentId)} onChange={(channel) => change({ channel })} />
              {documentId && (
                <LanguageSwitcher
                  locales={locales}
                  current={form.language}
                  disabled={!canWrite}
                  onSwitch={switchTo}
                  onAdd={addTranslation}
                  onDelete={() => void deleteTranslation()}
                />
              )}
              {form.channel === 'sms' ? (
                <SmsFields form={form} errors={fieldErrors} disabled={!canWrite} languageFixed={languageFixed} onChange={change} />
              ) : form.channel === 'letter' ? (
                <LetterFields form={form} errors={fieldErrors} houseStyles={houseStyles} disabled={!canWrite} languageFixed={languageFixed} onChange={change} />
              ) : (
                <TemplateFields
                  form={form}
                  errors={fieldErrors}
                  houseStyles={houseStyles}
                  senders={usable}
                  disabled={!canWrite}
                  languageFixed={languageFixed}
                  onChange={change}
                />
              )}
            </Flex>
          </Grid.Item>
          <Grid.Item col={7} s={12} direction="column" alignItems="stretch">
            <Box position="sticky" top={0} width="100%">
              {canSeePersonal && !email ? (
                <ChannelPreview
                  channel={form.channel === 'letter' ? 'letter' : 'sms'}
                  template={loading ? null : channelDraft}
                  uid={uid}
                  onUid={setUid}
                  nonce={nonce}
                  onRandom={() => {
                    setUid('');
                    setNonce((n) => n + 1);
                  }}
                />
              ) : canSeePersonal ? (
                <PreviewPanel
                  preview={preview}
                  uid={uid}
                  onUid={setUid}
                  onRandom={() => {
                    setUid('');
                    setNonce((n) => n + 1);
                  }}
                  segments={segments}
                  segment={segment}
                  onSegment={(s) => {
                    setSegment(s);
                    setUid('');
                  }}
                />
              ) : permissionsLoading ? null : (
                <Flex direction="column" alignItems="stretch" gap={3}>
                  <Alert variant="default" title={t('partners.countsOnly.title')} closeLabel={t('mail.close')} data-testid="no-personal-preview">
                    {t('partners.countsOnly.template')}
                  </Alert>
                  {sampleSubject && <Typography data-testid="sample-subject">{t('mail.editor.sampleSubject', { subject: sampleSubject })}</Typography>}
                </Flex>
              )}
            </Box>
          </Grid.Item>
        </Grid.Root>
      </Layouts.Content>
      <DuplicateNameDialog
        name={sameName ? form.name.trim() : null}
        onCancel={() => setSameName(null)}
        onConfirm={() => {
          const then = sameName!;
          setSameName(null);
          void save(then, true);
        }}
      />
      <MailViewDialog open={viewing} preview={shown} onClose={() => setViewing(false)} />
    </Layouts.Root>
  );
}
