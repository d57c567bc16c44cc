/**
 * Help: a short guide to the tool's flow (segment → template → test → mailing → results), the
 * programme's mailing guidelines and its contact address. The addresses and the "recently mailed"
 * window come from the server's configuration (GET /segmentation/help).
 */
import { Box, Flex, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useT } from '../utils/useT';
import { useShellApi } from './api';
import { useLoad } from './useLoad';

const STEPS = ['segment', 'template', 'test', 'mailing', 'results'] as const;
const RULES = ['frequency', 'test', 'monitor', 'consent'] as const;

export function HelpPage() {
  const t = useT();
  const api = useShellApi();
  const facts = useLoad(() => api.help());
  const values = {
    days: facts?.recentDays ?? 21,
    monitor: facts?.monitorAddress ?? '…',
    contact: facts?.contactAddress ?? '…',
  };
  return (
    <Page.Main>
      <Layouts.Header title={t('help.title')} subtitle={t('help.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Section title={t('help.flow.title')}>
            <ol>
              {STEPS.map((step, i) => (
                <li key={step}>
                  <Typography>
                    {i + 1}. <strong>{t(`help.flow.${step}.title`)}</strong> — {t(`help.flow.${step}`, values)}
                  </Typography>
                </li>
              ))}
            </ol>
          </Section>
          <Section title={t('help.rules.title')}>
            <ul>
              {RULES.map((rule) => (
                <li key={rule}>
                  <Typography>• {t(`help.rules.${rule}`, values)}</Typography>
                </li>
              ))}
            </ul>
          </Section>
          <Section title={t('help.contact.title')}>
            <Typography>
              {t('help.contact.text')} <a href={`mailto:${values.contact}`}>{values.contact}</a>
            </Typography>
          </Section>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
      <Typography variant="delta" tag="h2">
        {title}
      </Typography>
      <Box paddingTop={3}>{children}</Box>
    </Box>
  );
}
