/**
 * A download of the admin (a segment's holders, a mailing's per-person results): the button
 * downloads in the person's format — Excel (XLSX) or CSV with `;` for Excel as a Belgian user has it
 * — and the small menu beside it switches the format, remembered in this browser (localStorage).
 * Headers and statuses come in the UI's language (`lang`). Disabled with a reason, it says why.
 */
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Button, Flex, MenuItem, SimpleMenu } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { download } from '../utils/download';
import { useT } from '../utils/useT';
import { Why } from './Why';

export type DownloadFormat = 'xlsx' | 'csv';
export const FORMAT_KEY = 'uitpas-segmentation.download-format';

const stored = (): DownloadFormat => {
  try {
    return window.localStorage.getItem(FORMAT_KEY) === 'csv' ? 'csv' : 'xlsx';
  } catch {
    return 'xlsx';
  }
};

interface Props {
  /** The admin route, e.g. `/segmentation/downloads/segments/<documentId>`. */
  url: string;
  /** The file's name without extension. */
  name: string;
  label: string;
  /** Why it is disabled (shown on hover); null/false: enabled. */
  disabledReason?: string | null | false;
  /** On the wrapper (with `data-format`); `buttonTestId` on the button itself. */
  testId?: string;
  buttonTestId?: string;
}

export function DownloadButton({ url, name, label, disabledReason, testId, buttonTestId }: Props) {
  const t = useT();
  const { locale } = useIntl();
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [format, setFormat] = useState<DownloadFormat>(stored);
  const [busy, setBusy] = useState(false);

  const run = async (f: DownloadFormat) => {
    setBusy(true);
    try {
      const lang = locale.startsWith('en') ? 'en' : 'nl';
      const blob = (await get<Blob>(url, { params: { format: f, lang }, responseType: 'blob' })).data;
      download(blob, `${name.replace(/[^\w-]+/g, '_')}.${f}`);
    } catch (error) {
      const status = (error as { status?: number } | undefined)?.status;
      const key = status === 429 ? 'download.rateLimited' : status === 403 ? 'download.forbidden' : 'download.failed';
      toggleNotification({ type: 'danger', message: t(key) });
    } finally {
      setBusy(false);
    }
  };
  const choose = (f: DownloadFormat) => {
    setFormat(f);
    try {
      window.localStorage.setItem(FORMAT_KEY, f);
    } catch {
      // private mode: the choice holds for this page only
    }
    void run(f);
  };

  return (
    <Why reason={disabledReason}>
      <Flex gap={1} data-testid={testId} data-format={format}>
        <Button startIcon={<Download />} loading={busy} disabled={Boolean(disabledReason)} onClick={() => run(format)} data-testid={buttonTestId}>
          {t('download.button', { label, format: t(`download.format.${format}`) })}
        </Button>
        <SimpleMenu label={t('download.choose')} variant="tertiary" disabled={Boolean(disabledReason) || busy}>
          <MenuItem onSelect={() => choose('xlsx')}>{t('download.menu.xlsx')}</MenuItem>
          <MenuItem onSelect={() => choose('csv')}>{t('download.menu.csv')}</MenuItem>
        </SimpleMenu>
      </Flex>
    </Why>
  );
}
