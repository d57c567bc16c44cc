/**
 * The template editor: the partner and the form on the left, the live preview of the unsaved draft on
 * the right, test mails. Without `personal.read` (a Viewer) there is no personalised preview.
 */
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, Box, Button, Flex, Grid } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { BackButton, Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { BASE, useTemplatesApi, type HouseStyle, type SenderAddress } from './api';
import type { FieldErrors } from './errors';
import { useTemplateProblem } from './problem-text';
import { emptyForm, previewable, toForm, toInput, type TemplateForm } from './form-state';
import { PreviewPanel } from './PreviewPanel';
import { TemplateFields } from './TemplateFields';
import { TestMailDialog } from './TestMailDialog';
import { useMailPermissions } from './usePermissions';
import { usePreview } from './usePreview';
import { CardSystemField } from '../partners/CardSystemField';
import { cardSystemBody, initialCardSystem, mustChoose } from '../partners/card-system';
import { useMe } from '../partners/useMe';
import { useT } from '../utils/useT';

export function TemplateEditPage() {
  const { documentId } = useParams();
  const api = useTemplatesApi();
  const problemOf = useTemplateProblem();
  const t = useT();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const { canWrite, canTest, canSeePersonal, isLoading: permissionsLoading } = useMailPermissions();
  const me = useMe();
  const [cardSystem, setCardSystem] = useState('');
  const [form, setForm] = useState<TemplateForm>(emptyForm);
  const [loading, setLoading] = useState(Boolean(documentId));
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [houseStyles, setHouseStyles] = useState<HouseStyle[]>([]);
  const [senders, setSenders] = useState<SenderAddress[]>([]);
  const [uid, setUid] = useState('');
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    api.houseStyles().then(setHouseStyles, () => undefined);
    api.senders('approved').then(setSenders, () => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs only when the values listed change
  }, []);

  useEffect(() => {
    if (!documentId) {
      setForm(emptyForm());
      setCardSystem(initialCardSystem(me));
      return;
    }
    setLoading(true);
    api.get(documentId).then(
      (tpl) => {
        setForm(toForm(tpl));
        setCardSystem(tpl.cardSystem ?? '');
        setLoading(false);
      },
      () => {
        toggleNotification({ type: 'danger', message: t('mail.editor.notFound') });
        navigate(`${BASE}/templates`);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs only when the values listed change
  }, [documentId]);
  // A new template of a user with one card system is filed under it.
  useEffect(() => {
    if (!documentId) setCardSystem((c) => c || initialCardSystem(me));
  }, [me, documentId]);

  const draft = useMemo(() => previewable(form), [form]);
  const preview = usePreview(loading || !canSeePersonal ? null : draft, uid, nonce);
  // The template's sender must be its partner's own address or a programme-wide one.
  const usable = senders.filter((s) => !s.cardSystem || !cardSystem || s.cardSystem === cardSystem);
  const shownUid = (preview.state === 'done' ? preview.preview : preview.state === 'incomplete' ? undefined : preview.previous)?.recipient.uid;
  // Problems the live preview found (a Liquid error, an unknown variable) show at the field until saved.
  const fieldErrors: FieldErrors = { ...(preview.state === 'error' ? preview.fields : {}), ...errors };

  const change = (patch: Partial<TemplateForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !(k in patch))));
  };

  const save = async () => {
    if (mustChoose(me, cardSystem)) return setErrors({ cardSystem: t('partners.cardSystem.required') });
    setSaving(true);
    setErrors({});
    try {
      const input = { ...toInput(form), ...cardSystemBody(me, cardSystem) };
      const saved = documentId ? await api.update(documentId, input) : await api.create(input);
      toggleNotification({ type: 'success', message: t('mail.editor.saved') });
      if (!documentId) navigate(`${BASE}/templates/${saved.documentId}`, { replace: true });
    } catch (error) {
      const problem = problemOf(error);
      setErrors(problem.fields);
      toggleNotification({ type: 'danger', message: Object.keys(problem.fields).length ? t('mail.editor.fixProblems') : problem.message });
    } finally {
      setSaving(false);
    }
  };

  if (loading) return <Page.Loading />;
  const title = form.name || t('mail.editor.new');
  return (
    <Layouts.Root>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('mail.editor.subtitle')}
        navigationAction={<BackButton fallback={`${BASE}/templates`} />}
        primaryAction={
          <Flex gap={2}>
            {canTest && canSeePersonal && <TestMailDialog template={draft} uid={uid.trim() || shownUid} />}
            {canWrite && (
              <Button startIcon={<Check />} disabled={!me} loading={saving} onClick={save}>
                {t('mail.save')}
              </Button>
            )}
          </Flex>
        }
      />
      <Layouts.Content>
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
              <TemplateFields form={form} errors={fieldErrors} houseStyles={houseStyles} senders={usable} disabled={!canWrite} onChange={change} />
            </Flex>
          </Grid.Item>
          <Grid.Item col={7} s={12} direction="column" alignItems="stretch">
            <Box position="sticky" top={0} width="100%">
              {canSeePersonal ? (
                <PreviewPanel
                  preview={preview}
                  uid={uid}
                  onUid={setUid}
                  onRandom={() => {
                    setUid('');
                    setNonce((n) => n + 1);
                  }}
                />
              ) : permissionsLoading ? null : (
                <Alert variant="default" title={t('partners.countsOnly.title')} closeLabel={t('mail.close')} data-testid="no-personal-preview">
                  {t('partners.countsOnly.template')}
                </Alert>
              )}
            </Box>
          </Grid.Item>
        </Grid.Root>
      </Layouts.Content>
    </Layouts.Root>
  );
}
