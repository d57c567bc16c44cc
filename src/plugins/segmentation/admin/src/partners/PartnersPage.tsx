/**
 * Settings → UiTPAS → Partners: which card systems each admin user and API token works for.
 * Administrators (and super admins) see every card system; a token without card systems is unrestricted.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { usePartnersApi, type AccessOverview, type AccessUser } from './api';
import { LinkCell } from './LinkCell';
import { messageOf } from './errors';
import { ListTable } from '../components/ListTable';
import { LoadState } from '../components/LoadState';
import { useT } from '../utils/useT';

const MANAGE = [{ action: 'plugin::segmentation.access.manage', subject: null }];

const nameOf = (u: AccessUser) => [u.firstname, u.lastname].filter(Boolean).join(' ') || u.email;

/** A heading (and a line under it) above a table. */
function Section({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <Box>
      <Typography variant="delta" tag="h2">
        {title}
      </Typography>
      {hint && (
        <Typography variant="pi" textColor="neutral600" tag="p">
          {hint}
        </Typography>
      )}
      <Box paddingTop={4}>{children}</Box>
    </Box>
  );
}

/** A row's name in bold, with a smaller line under it when there is one. */
function NameCell({ name, detail }: { name: string; detail?: string | null }) {
  return (
    <Flex direction="column" alignItems="flex-start">
      <Typography fontWeight="bold">{name}</Typography>
      {detail && (
        <Typography variant="pi" textColor="neutral600">
          {detail}
        </Typography>
      )}
    </Flex>
  );
}

function PartnersPage() {
  const t = useT();
  const api = usePartnersApi();
  const [data, setData] = useState<AccessOverview | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.overview().then(setData, (e) => setError(messageOf(e, t)));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs only when the values listed change
  }, []);

  const update = (type: 'users' | 'tokens', id: number, cardSystems: string[]) =>
    setData((d) => d && { ...d, [type]: (d[type] as { id: number }[]).map((r) => (r.id === id ? { ...r, cardSystems } : r)) });

  const column = (c: string) => t(`partners.access.col.${c}`);

  return (
    <Page.Main>
      <Page.Title>{t('partners.access.title')}</Page.Title>
      <Layouts.Header title={t('partners.access.title')} subtitle={t('partners.access.subtitle')} />
      <Layouts.Content>
        <LoadState error={error} loaded={Boolean(data)} />
        {data && (
          <Flex direction="column" alignItems="stretch" gap={8}>
            <Section title={t('partners.access.users')}>
              <ListTable
                rows={data.users}
                columns={['user', 'roles', 'cardSystems'].map(column)}
                rowKey={(u) => u.id}
                rowTestId={(u) => `access-user-${u.email}`}
                cells={(u) => [
                  <NameCell name={nameOf(u)} detail={`${u.email}${u.isActive ? '' : ` · ${t('partners.access.inactive')}`}`} />,
                  <Flex gap={1} wrap="wrap">
                    {u.roles.map((r) => (
                      <Badge key={r.id}>{r.name}</Badge>
                    ))}
                  </Flex>,
                  u.administrator ? (
                    <Typography textColor="neutral600" data-testid="all-card-systems">
                      {t('partners.access.all')}
                    </Typography>
                  ) : (
                    <LinkCell
                      type="users"
                      id={u.id}
                      who={nameOf(u)}
                      value={u.cardSystems}
                      cardSystems={data.cardSystems}
                      onSaved={(cs) => update('users', u.id, cs)}
                    />
                  ),
                ]}
              />
            </Section>
            <Section title={t('partners.access.tokens')} hint={t('partners.access.tokensHint')}>
              <ListTable
                rows={data.tokens}
                empty={t('partners.access.noTokens')}
                columns={['token', 'type', 'cardSystems'].map(column)}
                rowKey={(k) => k.id}
                rowTestId={(k) => `access-token-${k.name}`}
                cells={(k) => [
                  <NameCell name={k.name} detail={k.description} />,
                  k.type,
                  <LinkCell
                    type="tokens"
                    id={k.id}
                    who={k.name}
                    value={k.cardSystems}
                    cardSystems={data.cardSystems}
                    onSaved={(cs) => update('tokens', k.id, cs)}
                  />,
                ]}
              />
            </Section>
          </Flex>
        )}
      </Layouts.Content>
    </Page.Main>
  );
}

export default function ProtectedPartnersPage() {
  return (
    <Page.Protect permissions={MANAGE}>
      <PartnersPage />
    </Page.Protect>
  );
}
