/** A step's uploaded list: a file input that uploads at once, then the kept count and the problems with their line numbers. */
import { useState } from 'react';
import { Box, Flex, Loader, Typography } from '@strapi/design-system';
import { useAudienceApi, type UploadedList } from './api';
import type { DraftStep } from './steps-state';
import { problemOf } from '../templates/errors';
import { useT } from '../utils/useT';

interface Props {
  label: string;
  list: DraftStep['list'];
  disabled: boolean;
  onUploaded: (list: NonNullable<DraftStep['list']>) => void;
}

export function ListUpload({ label, list, disabled, onUploaded }: Props) {
  const t = useT();
  const api = useAudienceApi();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<UploadedList | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setFailure(null);
    try {
      const answer = await api.upload(file);
      setResult(answer);
      onUploaded({ key: answer.list, name: answer.name, kept: answer.kept });
    } catch (error) {
      const p = problemOf(error);
      setFailure(p.fields['Content-Type'] ? t('audience.list.type') : p.fields.body ? t('audience.list.unreadable') : p.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <label>
        <Typography variant="pi" fontWeight="bold">
          {label}
        </Typography>{' '}
        <input type="file" accept=".csv,.xlsx,text/csv" disabled={disabled || busy} aria-label={label} onChange={(e) => upload(e.target.files?.[0])} />
      </label>
      {busy && <Loader small>{t('audience.list.uploading')}</Loader>}
      {list && (
        <Typography data-testid="list-kept" data-value={list.kept ?? undefined}>
          {list.kept === null ? t('audience.list.stored') : t('audience.list.kept', { name: list.name ?? '', n: list.kept })}
        </Typography>
      )}
      {result && result.notLinked > 0 && <Typography textColor="neutral600">{t('audience.list.notLinked', { n: result.notLinked })}</Typography>}
      {result && result.problems.length > 0 && (
        <Box data-testid="list-problems">
          <Typography textColor="warning600">{t('audience.list.problems', { n: Object.values(result.problemCounts).reduce((a, b) => a + b, 0) })}</Typography>
          <ul>
            {result.problems.slice(0, 50).map((p) => (
              <li key={`${p.line}-${p.kind}`}>
                <Typography variant="pi">{t(`audience.list.problem.${p.kind}`, { line: p.line, uid: p.uid ?? '' })}</Typography>
              </li>
            ))}
          </ul>
        </Box>
      )}
      {failure && <Typography textColor="danger600">{failure}</Typography>}
    </Flex>
  );
}
