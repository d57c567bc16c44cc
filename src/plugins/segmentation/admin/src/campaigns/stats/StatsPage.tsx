/** Statistics of a sent (or sending) campaign: figures, lists per person, a chart over time, links, per-person CSV, conversion, another mailing beside it. */
import { useEffect, useState } from 'react';
import { NavLink, useNavigate, useParams } from 'react-router-dom';
import { Box, Button, Flex, Link, LinkButton, Typography } from '@strapi/design-system';
import { ArrowClockwise, Search } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { BASE, useCampaignsApi, type Stats } from '../api';
import { fmtDate } from '../format';
import { BackLink } from '../BackLink';
import { StatusBadge } from '../StatusBadge';
import { useCampaignPermissions } from '../usePermissions';
import { ChannelStats } from './ChannelStats';
import { ConversionPanel } from './ConversionPanel';
import { PostDownloads } from './PostDownloads';
import { LinksTable } from './LinksTable';
import { PeopleLists } from './PeopleLists';
import { CompareMailings } from './CompareMailings';
import { StatCards } from './StatCards';
import { TimelineChart } from './TimelineChart';
import { useT } from '../../utils/useT';
import { problemText } from '../problems';
import { DownloadButton } from '../../components/DownloadButton';
import { isActive } from '../../../../shared/campaign-lifecycle';
import { channelsOf, mailingChannelOf, type MailingChannel } from '../../../../shared/channels';
import { HOLDERS_BASE } from '../../holders/api';
import { BOUNCES_BASE } from '../../bounces/api';

const REFRESH_MS = 10_000;

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
      <Box paddingBottom={4}>
        <Typography variant="delta" tag="h2">
          {title}
        </Typography>
      </Box>
      {children}
    </Box>
  );
}

export function StatsPage() {
  const { documentId } = useParams();
  const api = useCampaignsApi();
  const t = useT();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const { canExport } = useCampaignPermissions();
  const [stats, setStats] = useState<Stats | null>(null);
  // The mailing's channel (the stats do not carry it): the post part's downloads need it.
  const [channel, setChannel] = useState<MailingChannel>('email');

  const [loading, setLoading] = useState(false);

  /** Loads the figures; a failed first load goes back to the list, a failed refresh keeps what is shown. */
  const load = async (first = false) => {
    setLoading(true);
    try {
      setStats(await api.stats(documentId!));
    } catch (error) {
      toggleNotification({ type: 'danger', message: problemText(error, t, first ? 'campaign.notFound' : 'campaign.error.generic') });
      if (first) navigate(BASE);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    load(true);
    api.get(documentId!).then(
      (campaign) => setChannel(mailingChannelOf(campaign.channel)),
      () => undefined,
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs only when the values listed change
  }, [documentId]);
  // While it is being sent, the figures are refreshed by themselves.
  useEffect(() => {
    if (!isActive(stats?.campaign.status)) return;
    const timer = setTimeout(() => load(), REFRESH_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs only when the values listed change
  }, [stats]);

  if (!stats) return <Page.Loading />;
  const c = stats.campaign;
  // The server answers both parts for every mailing: shown for a mailing with that channel, or that used it.
  const hasSms = Boolean(stats.channels?.sms) && (channelsOf(channel).includes('sms') || (stats.channels?.sms?.sent ?? 0) > 0);
  const hasPost = Boolean(stats.channels?.post) && (channelsOf(channel).includes('post') || (stats.channels?.post?.letters ?? 0) > 0);
  return (
    <Layouts.Root>
      <Page.Title>{t('campaign.stats.title', { name: c.name })}</Page.Title>
      <Layouts.Header
        title={t('campaign.stats.title', { name: c.name })}
        subtitle={
          <Flex gap={2}>
            <StatusBadge status={c.status} />
            <Typography textColor="neutral600">{t('campaign.stats.period', { start: fmtDate(c.startedAt), end: fmtDate(c.finishedAt) })}</Typography>
          </Flex>
        }
        navigationAction={<BackLink to={`${BASE}/${c.documentId}`}>{t('campaign.stats.back')}</BackLink>}
        primaryAction={
          <Flex gap={2}>
            <LinkButton tag={NavLink} to={HOLDERS_BASE} variant="tertiary" startIcon={<Search />}>
              {t('campaign.stats.findHolder')}
            </LinkButton>
            <Button variant="secondary" startIcon={<ArrowClockwise />} loading={loading} onClick={() => load()}>
              {t('campaign.stats.refresh')}
            </Button>
            <DownloadButton
              url={`/segmentation/downloads/campaigns/${c.documentId}/people`}
              name={`mailing-${c.name}`}
              label={t('campaign.stats.people')}
              disabledReason={!canExport && t('campaign.why.noExport')}
              testId="people-download"
            />
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {(hasSms || hasPost) && (
            <Section title={t('campaign.stats.channels.title')}>
              <ChannelStats channels={{ ...(hasSms ? { sms: stats.channels?.sms } : {}), ...(hasPost ? { post: stats.channels?.post } : {}) }} />
            </Section>
          )}
          {hasPost && (
            <Section title={t('campaign.stats.post.downloads')}>
              <PostDownloads documentId={c.documentId} name={c.name} disabledReason={!canExport && t('campaign.why.noExport')} />
            </Section>
          )}
          <StatCards stats={stats} />
          <Box>
            <Link tag={NavLink} to={`${BOUNCES_BASE}?campaign=${encodeURIComponent(c.documentId)}`} data-testid="campaign-bounces-link">
              {t('bounces.ofCampaign')}
            </Link>
          </Box>
          <Section title={t('campaign.people.title')}>
            <PeopleLists stats={stats} />
          </Section>
          <Section title={t('campaign.compare.title')}>
            <CompareMailings stats={stats} />
          </Section>
          <Section title={t('campaign.stats.chart.title')}>
            <TimelineChart timeline={stats.timeline} />
          </Section>
          <Section title={t('campaign.stats.links.title')}>
            <LinksTable links={stats.links} />
          </Section>
          <Section title={t('campaign.conversion.title')}>
            <ConversionPanel documentId={c.documentId} hasHoldout={stats.holdout > 0} />
          </Section>
        </Flex>
      </Layouts.Content>
    </Layouts.Root>
  );
}
