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

export type DownloadFormat = 'xlsx' | 'csv' | 'pdf';
type TableFormat = 'xlsx' | 'csv';
export const FORMAT_KEY = 'uitpas-segmentation.download-format';

const stored = (): TableFormat => {
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
  /**
   * The formats offered (default: XLSX and CSV, with the menu). `['pdf']`: a PDF, asked without
   * `format` and `lang`; a single table format: no menu.
   */
  formats?: readonly DownloadFormat[];
  /** More query parameters (a label sheet, the first label). */
  params?: Record<string, string | number>;
  /** Send the UI's language (`lang`) with a table format; false for routes that take only `format`. */
  withLang?: boolean;
}

const TABLE_FORMATS: readonly DownloadFormat[] = ['xlsx', 'csv'];

export function DownloadButton({ url, name, label, disabledReason, testId, buttonTestId, formats = TABLE_FORMATS, params = {}, withLang = true }: Props) {
  const t = useT();
  const { locale } = useIntl();
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [chosen, setFormat] = useState<DownloadFormat>(stored);
  const format = formats.includes(chosen) ? chosen : formats[0]!;
  const menu = formats.length > 1;
  const [busy, setBusy] = useState(false);

  const run = async (f: DownloadFormat) => {
    setBusy(true);
    try {
      const lang = locale.startsWith('en') ? 'en' : 'nl';
      const query = f === 'pdf' ? params : { ...params, format: f, ...(withLang ? { lang } : {}) };
      const blob = (await get<Blob>(url, { params: query, responseType: 'blob' })).data;
      download(blob, `${name.replace(/[^\w-]+/g, '_')}.${f}`);
    } catch (error) {
      const status = (error as { status?: number } | undefined)?.status;
      const key = status === 429 ? 'download.rateLimited' : status === 403 ? 'download.forbidden' : 'download.failed';
      toggleNotification({ type: 'danger', message: t(key) });
    } finally {
      setBusy(false);
    }
  };
  const choose = (f: TableFormat) => {
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
        {menu && (
          <SimpleMenu label={t('download.choose')} variant="tertiary" disabled={Boolean(disabledReason) || busy}>
            <MenuItem onSelect={() => choose('xlsx')}>{t('download.menu.xlsx')}</MenuItem>
            <MenuItem onSelect={() => choose('csv')}>{t('download.menu.csv')}</MenuItem>
          </SimpleMenu>
        )}
      </Flex>
    </Why>
  );
}
