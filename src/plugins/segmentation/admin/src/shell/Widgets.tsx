/**
 * The tool's home-page widgets (Strapi 5's homepage widgets API): mailings in progress, recent
 * segments and templates, the last mailings' results, shortcuts. Each reads the admin routes the
 * pages use, so a partner sees only its own card system's work.
 */
import { Box, Flex, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { Link } from 'react-router-dom';
import { StatusBadge } from '../campaigns/StatusBadge';
import type { Campaign } from '../campaigns/api';
import { fmtPct } from '../campaigns/format';
import { useT } from '../utils/useT';
import { useShellApi } from './api';
import { useLoad } from './useLoad';

const IN_PROGRESS = new Set(['draft', 'scheduled', 'sending', 'paused']);
const FINISHED = new Set(['sent']);
const MAILINGS = '/plugins/mailings/campaigns';

interface Row {
  key: string;
  to: string;
  title: string;
  aside?: React.ReactNode;
}

function Rows({ rows, empty }: { rows: Row[] | null | undefined; empty: string }) {
  const t = useT();
  if (rows === undefined) return <Widget.Loading />;
  if (rows === null) return <Widget.Error>{t('home.error')}</Widget.Error>;
  if (rows.length === 0) return <Widget.NoData>{empty}</Widget.NoData>;
  return (
    <Flex direction="column" alignItems="stretch" gap={2} tag="ul">
      {rows.map((row) => (
        <Flex key={row.key} tag="li" justifyContent="space-between" gap={2}>
          <Link to={row.to}>
            <Typography textColor="primary600">{row.title}</Typography>
          </Link>
          {row.aside}
        </Flex>
      ))}
    </Flex>
  );
}

const byUpdate = (a: Campaign, b: Campaign) => b.updatedAt.localeCompare(a.updatedAt);

export function MailingsWidget() {
  const t = useT();
  const api = useShellApi();
  const rows = useLoad(async () =>
    (await api.campaigns())
      .filter((c) => IN_PROGRESS.has(c.status))
      .sort(byUpdate)
      .slice(0, 5)
      .map((c) => ({ key: c.documentId, to: `${MAILINGS}/${c.documentId}`, title: c.name, aside: <StatusBadge status={c.status} /> })),
  );
  return <Rows rows={rows} empty={t('home.mailings.empty')} />;
}

export function SegmentsWidget() {
  const t = useT();
  const api = useShellApi();
  const rows = useLoad(async () =>
    (await api.segments()).map((s) => ({
      key: s.documentId,
      to: `/plugins/segmentation/${s.documentId}/preview`,
      title: s.name,
      aside: s.lastTotal === null ? undefined : <Typography variant="pi">{t('home.holders', { n: s.lastTotal.toLocaleString('nl-BE') })}</Typography>,
    })),
  );
  return <Rows rows={rows} empty={t('home.segments.empty')} />;
}

export function TemplatesWidget() {
  const t = useT();
  const api = useShellApi();
  const rows = useLoad(async () =>
    (await api.templates()).map((m) => ({ key: m.documentId, to: `/plugins/mailings/templates/${m.documentId}`, title: m.name })),
  );
  return <Rows rows={rows} empty={t('home.templates.empty')} />;
}

export function ResultsWidget() {
  const t = useT();
  const api = useShellApi();
  const rows = useLoad(async () => {
    const finished = (await api.campaigns())
      .filter((c) => FINISHED.has(c.status))
      .sort(byUpdate)
      .slice(0, 3);
    const stats = await Promise.all(finished.map((c) => api.stats(c.documentId)));
    return finished.map((c, i) => ({
      key: c.documentId,
      to: `${MAILINGS}/${c.documentId}/stats`,
      title: c.name,
      aside: (
        <Typography variant="pi" data-testid="home-result">
          {t('home.results.rates', { sent: stats[i]!.sent, opened: fmtPct(stats[i]!.opened.pct), clicked: fmtPct(stats[i]!.clicked.clickThrough) })}
        </Typography>
      ),
    }));
  });
  return <Rows rows={rows} empty={t('home.results.empty')} />;
}

const SHORTCUTS = [
  { key: 'segment', to: '/plugins/segmentation/new' },
  { key: 'template', to: '/plugins/mailings/templates/new' },
  { key: 'mailing', to: `${MAILINGS}/new` },
  { key: 'help', to: '/plugins/help' },
];

export function ShortcutsWidget() {
  const t = useT();
  return (
    <Box>
      <Flex direction="column" alignItems="stretch" gap={2} tag="ul">
        {SHORTCUTS.map((s) => (
          <li key={s.key}>
            <Link to={s.to}>
              <Typography textColor="primary600">{t(`home.shortcut.${s.key}`)}</Typography>
            </Link>
          </li>
        ))}
      </Flex>
    </Box>
  );
}
