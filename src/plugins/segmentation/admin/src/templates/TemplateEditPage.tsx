/** The template editor: the form on the left, the live preview of the unsaved draft on the right, test mails. */
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Box, Button, Flex, Grid } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { BackButton, Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { BASE, useTemplatesApi, type HouseStyle, type SenderAddress } from './api';
import { problemOf, type FieldErrors } from './errors';
import { emptyForm, previewable, toForm, toInput, type TemplateForm } from './form-state';
import { PreviewPanel } from './PreviewPanel';
import { TemplateFields } from './TemplateFields';
import { TestMailDialog } from './TestMailDialog';
import { useMailPermissions } from './usePermissions';
import { usePreview } from './usePreview';
import { useT } from '../utils/useT';

export function TemplateEditPage() {
  const { documentId } = useParams();
  const api = useTemplatesApi();
  const t = useT();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const { canWrite, canTest } = useMailPermissions();
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
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!documentId) {
      setForm(emptyForm());
      return;
    }
    setLoading(true);
    api.get(documentId).then(
      (tpl) => {
        setForm(toForm(tpl));
        setLoading(false);
      },
      () => {
        toggleNotification({ type: 'danger', message: t('mail.editor.notFound') });
        navigate(`${BASE}/templates`);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [documentId]);

  const draft = useMemo(() => previewable(form), [form]);
  const preview = usePreview(loading ? null : draft, uid, nonce);
  const shownUid = (preview.state === 'done' ? preview.preview : preview.state === 'incomplete' ? undefined : preview.previous)?.recipient.uid;
  // Problems the live preview found (a Liquid error, an unknown variable) show at the field until saved.
  const fieldErrors: FieldErrors = { ...(preview.state === 'error' ? preview.fields : {}), ...errors };

  const change = (patch: Partial<TemplateForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !(k in patch))));
  };

  const save = async () => {
    setSaving(true);
    setErrors({});
    try {
      const input = toInput(form);
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
            <TestMailDialog template={draft} uid={uid.trim() || shownUid} disabled={!canTest} />
            <Button startIcon={<Check />} disabled={!canWrite} loading={saving} onClick={save}>{t('mail.save')}</Button>
          </Flex>
        }
      />
      <Layouts.Content>
        <Grid.Root gap={6}>
          <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
            <TemplateFields form={form} errors={fieldErrors} houseStyles={houseStyles} senders={senders} disabled={!canWrite} onChange={change} />
          </Grid.Item>
          <Grid.Item col={7} s={12} direction="column" alignItems="stretch">
            <Box position="sticky" top={0} width="100%">
              <PreviewPanel
                preview={preview}
                uid={uid}
                onUid={setUid}
                onRandom={() => {
                  setUid('');
                  setNonce((n) => n + 1);
                }}
              />
            </Box>
          </Grid.Item>
        </Grid.Root>
      </Layouts.Content>
    </Layouts.Root>
  );
}
