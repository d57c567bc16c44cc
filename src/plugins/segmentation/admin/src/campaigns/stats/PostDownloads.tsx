/**
 * The post part's files (export permission): the letters as one PDF, address labels on a chosen
 * A4 sheet starting at any label of a used sheet, and the merge file (CSV or Excel) for a letter
 * made elsewhere.
 */
import { useState } from 'react';
import { Field, Flex, NumberInput, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { DownloadButton } from '../../components/DownloadButton';
import { useT } from '../../utils/useT';

/** The label sheets the server prints on (shared/label-sheets.ts on the server's side): key and labels a sheet. */
export const LABEL_SHEETS = { '3x8-70x36': 24, '3x7-70x42.3': 21 } as const;
type SheetKey = keyof typeof LABEL_SHEETS;

interface Props {
  documentId: string;
  name: string;
  disabledReason: string | false;
}

export function PostDownloads({ documentId, name, disabledReason }: Props) {
  const t = useT();
  const [sheet, setSheet] = useState<SheetKey>('3x8-70x36');
  const [start, setStart] = useState(1);
  const max = LABEL_SHEETS[sheet];
  const first = Math.min(Math.max(1, Math.round(start) || 1), max);
  const url = (file: string) => `/segmentation/downloads/campaigns/${documentId}/${file}`;
  return (
    <Flex direction="column" alignItems="stretch" gap={5} data-testid="post-downloads">
      <DownloadButton
        url={url('letters')}
        name={`brieven-${name}`}
        label={t('campaign.stats.post.letters.download')}
        formats={['pdf']}
        disabledReason={disabledReason}
        testId="download-letters"
      />
      <Flex gap={4} alignItems="flex-end" wrap="wrap">
        <Field.Root name="sheet">
          <Field.Label>{t('campaign.stats.post.sheet')}</Field.Label>
          <SingleSelect value={sheet} onChange={(v: string | number) => setSheet(String(v) as SheetKey)}>
            {(Object.keys(LABEL_SHEETS) as SheetKey[]).map((k) => (
              <SingleSelectOption key={k} value={k}>
                {t(`campaign.stats.post.sheet.${k}`)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
        <Field.Root name="start" hint={t('campaign.stats.post.start.hint')}>
          <Field.Label>{t('campaign.stats.post.start', { max })}</Field.Label>
          <NumberInput value={first} min={1} max={max} step={1} onValueChange={(v: number | undefined) => setStart(v ?? 1)} />
          <Field.Hint />
        </Field.Root>
        <DownloadButton
          url={url('labels')}
          name={`etiketten-${name}`}
          label={t('campaign.stats.post.labels.download')}
          formats={['pdf']}
          params={{ sheet, start: first }}
          disabledReason={disabledReason}
          testId="download-labels"
        />
      </Flex>
      <Flex direction="column" alignItems="flex-start" gap={1}>
        <DownloadButton
          url={url('merge')}
          name={`samenvoegbestand-${name}`}
          label={t('campaign.stats.post.merge.download')}
          withLang={false}
          disabledReason={disabledReason}
          testId="download-merge"
        />
        <Typography variant="pi" textColor="neutral600">
          {t('campaign.stats.post.mergeHint')}
        </Typography>
      </Flex>
    </Flex>
  );
}
