/**
 * Preview of a saved segment: counts, the evaluation time, a paginated list, CSV export (its button
 * says how many rows). Without `personal.read` (a Viewer) the page shows the counts only, and says why.
 */
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, Box, Button, Flex, Typography } from '@strapi/design-system';
import { Mail } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useSegmentsApi, type PreviewResult, type Segment } from './api';
import { LinkedMailings } from './LinkedMailings';
import { DownloadButton } from '../components/DownloadButton';
import { NotFound } from './NotFound';
import { BackLink } from '../campaigns/BackLink';
import { PeopleTable } from './PeopleTable';
import { usePermissions } from './usePermissions';
import { BASE, MAIL_BASE } from './SegmentEditPage';
import { messageOf } from '../partners/errors';
import { useT } from '../utils/useT';

const PAGE_SIZE = 50;

export function PreviewPage() {
  const { documentId } = useParams();
  const api = useSegmentsApi();
  const t = useT();
  const navigate = useNavigate();
  const { canWrite, canExport, canSend } = usePermissions();
  const [segment, setSegment] = useState<Segment | null>(null);
  const [notFound, setNotFound] = useState(false);
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<PreviewResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    api.get(documentId!).then(setSegment, () => setNotFound(true));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs only when the values listed change
  }, [documentId]);
  useEffect(() => {
    if (!segment) return;
    setResult(null);
    setFailure(null);
    api.savedPreview(segment.documentId, page, PAGE_SIZE).then(setResult, (error) => setFailure(messageOf(error, t, t('error.generic'))));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs only when the values listed change
  }, [segment, page]);

  if (notFound) return <NotFound back={BASE} />;
  if (!segment) return <Page.Loading />;
  const fmt = (n: number) => n.toLocaleString('nl-BE');
  return (
    <Layouts.Root>
      <Page.Title>{segment.name}</Page.Title>
      <Layouts.Header
        title={segment.name}
        subtitle={result ? t('preview.subtitle', { total: fmt(result.total), email: fmt(result.withEmail), phone: fmt(result.withPhone) }) : t('count.loading')}
        navigationAction={<BackLink to={BASE}>{t('back')}</BackLink>}
        primaryAction={
          <Flex gap={2}>
            {canWrite && (
              <Button variant="secondary" onClick={() => navigate(`${BASE}/${segment.documentId}`)}>
                {t('list.edit')}
              </Button>
            )}
            {canSend && (
              <Button variant="secondary" startIcon={<Mail />} onClick={() => navigate(`${MAIL_BASE}/campaigns/new?segment=${segment.documentId}`)}>
                {t('preview.sendMailing')}
              </Button>
            )}
            {canExport && (
              <DownloadButton
                url={`/segmentation/downloads/segments/${segment.documentId}`}
                name={segment.name}
                label={result ? t('download.segment.rows', { n: result.total }) : t('download.segment')}
                disabledReason={!result && t('download.segment.counting')}
                buttonTestId="export-button"
              />
            )}
          </Flex>
        }
      />
      <Layouts.Content>
        {failure && (
          <Alert variant="danger" title={t('error.generic')} closeLabel={t('close')}>
            {failure}
          </Alert>
        )}
        <LinkedMailings segment={segment.documentId} />
        {result && (
          <Box paddingBottom={3}>
            <Typography textColor="neutral600" data-testid="preview-date">
              {t('preview.date', { date: new Date(result.evaluatedAt).toLocaleString('nl-BE') })}
            </Typography>
          </Box>
        )}
        {!result ? (
          !failure && <Page.Loading />
        ) : result.personalData === false ? (
          <Alert variant="default" title={t('partners.countsOnly.title')} closeLabel={t('close')} data-testid="counts-only">
            {t('partners.countsOnly.segment')}
          </Alert>
        ) : (
          <PeopleTable result={result} page={page} pageSize={PAGE_SIZE} onPage={setPage} />
        )}
      </Layouts.Content>
    </Layouts.Root>
  );
}
