/** Preview of a saved segment: counts, the evaluation time, a paginated list, CSV export. */
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Box, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Download, Mail } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { download, useSegmentsApi, type Person, type Segment } from './api';
import { usePermissions } from './usePermissions';
import { BASE, MAIL_BASE } from './SegmentEditPage';
import { useT } from '../utils/useT';

const PAGE_SIZE = 50;

export function PreviewPage() {
  const { documentId } = useParams();
  const api = useSegmentsApi();
  const t = useT();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const { canExport, canSend } = usePermissions();
  const [segment, setSegment] = useState<Segment | null>(null);
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<{ total: number; withEmail: number; withPhone: number; items: Person[]; evaluatedAt: string } | null>(null);
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    api.get(documentId!).then(setSegment, () => navigate(BASE));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [documentId]);
  useEffect(() => {
    if (!segment) return;
    setResult(null);
    api.savedPreview(segment.documentId, page, PAGE_SIZE).then(setResult, () => toggleNotification({ type: 'danger', message: t('error.generic') }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [segment, page]);

  const exportCsv = async () => {
    if (!segment) return;
    setExporting(true);
    try {
      download(await api.savedExport(segment.documentId), `${segment.name.replace(/[^\w-]+/g, '_')}.csv`);
    } catch {
      toggleNotification({ type: 'danger', message: t('error.generic') });
    } finally {
      setExporting(false);
    }
  };

  if (!segment) return <Page.Loading />;
  const pages = result ? Math.max(1, Math.ceil(result.total / PAGE_SIZE)) : 1;
  return (
    <Layouts.Root>
      <Page.Title>{segment.name}</Page.Title>
      <Layouts.Header
        title={segment.name}
        subtitle={result ? t('preview.subtitle', { total: result.total.toLocaleString('nl-BE'), email: result.withEmail.toLocaleString('nl-BE'), phone: result.withPhone.toLocaleString('nl-BE') }) : t('count.loading')}
        navigationAction={<Button variant="tertiary" onClick={() => navigate(BASE)}>{t('back')}</Button>}
        primaryAction={
          <Flex gap={2}>
            <Button variant="secondary" onClick={() => navigate(`${BASE}/${segment.documentId}`)}>{t('list.edit')}</Button>
            <Button variant="secondary" startIcon={<Mail />} disabled={!canSend} onClick={() => navigate(`${MAIL_BASE}/campaigns/new?segment=${segment.documentId}`)}>{t('preview.sendMailing')}</Button>
            <Button startIcon={<Download />} disabled={!canExport} loading={exporting} onClick={exportCsv}>{t('preview.export')}</Button>
          </Flex>
        }
      />
      <Layouts.Content>
        {result && (
          <Box paddingBottom={3}>
            <Typography textColor="neutral600" data-testid="preview-date">{t('preview.date', { date: new Date(result.evaluatedAt).toLocaleString('nl-BE') })}</Typography>
          </Box>
        )}
        {!result ? (
          <Page.Loading />
        ) : (
          <>
            <Table colCount={5} rowCount={result.items.length + 1}>
              <Thead>
                <Tr>
                  {['uid', 'firstName', 'lastName', 'email', 'phone'].map((c) => <Th key={c}><Typography variant="sigma">{t(`preview.${c}`)}</Typography></Th>)}
                </Tr>
              </Thead>
              <Tbody>
                {result.items.map((p) => (
                  <Tr key={p.uid}>
                    <Td><Typography>{p.uid}</Typography></Td>
                    <Td><Typography>{p.firstName}</Typography></Td>
                    <Td><Typography>{p.lastName}</Typography></Td>
                    <Td><Typography>{p.email}</Typography></Td>
                    <Td><Typography>{p.phone}</Typography></Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
            <Flex justifyContent="space-between" paddingTop={4}>
              <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage(page - 1)}>{t('preview.previous')}</Button>
              <Typography data-testid="preview-page">{t('preview.page', { page, pages })}</Typography>
              <Button variant="tertiary" disabled={page >= pages} onClick={() => setPage(page + 1)}>{t('preview.next')}</Button>
            </Flex>
          </>
        )}
      </Layouts.Content>
    </Layouts.Root>
  );
}
