/**
 * Settings → UiTPAS → Partners: which card systems each admin user and API token works for.
 * Administrators (and super admins) see every card system; a token without card systems is unrestricted.
 */
import { useEffect, useState } from 'react';
import { Alert, Badge, Box, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { usePartnersApi, type AccessOverview, type AccessUser } from './api';
import { LinkCell } from './LinkCell';
import { messageOf } from './errors';
import { useT } from '../utils/useT';

const MANAGE = [{ action: 'plugin::segmentation.access.manage', subject: null }];

const nameOf = (u: AccessUser) => [u.firstname, u.lastname].filter(Boolean).join(' ') || u.email;

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

  const head = (cols: string[]) => (
    <Thead>
      <Tr>
        {cols.map((c) => (
          <Th key={c}>
            <Typography variant="sigma">{t(`partners.access.col.${c}`)}</Typography>
          </Th>
        ))}
      </Tr>
    </Thead>
  );

  return (
    <Page.Main>
      <Page.Title>{t('partners.access.title')}</Page.Title>
      <Layouts.Header title={t('partners.access.title')} subtitle={t('partners.access.subtitle')} />
      <Layouts.Content>
        {error && (
          <Alert variant="danger" title={t('partners.error')} closeLabel={t('partners.close')}>
            {error}
          </Alert>
        )}
        {!data && !error && <Page.Loading />}
        {data && (
          <Flex direction="column" alignItems="stretch" gap={8}>
            <Box>
              <Typography variant="delta" tag="h2">
                {t('partners.access.users')}
              </Typography>
              <Box paddingTop={4}>
                <Table colCount={3} rowCount={data.users.length + 1}>
                  {head(['user', 'roles', 'cardSystems'])}
                  <Tbody>
                    {data.users.map((u) => (
                      <Tr key={u.id} data-testid={`access-user-${u.email}`}>
                        <Td>
                          <Flex direction="column" alignItems="flex-start">
                            <Typography fontWeight="bold">{nameOf(u)}</Typography>
                            <Typography variant="pi" textColor="neutral600">
                              {u.email}
                              {u.isActive ? '' : ` · ${t('partners.access.inactive')}`}
                            </Typography>
                          </Flex>
                        </Td>
                        <Td>
                          <Flex gap={1} wrap="wrap">
                            {u.roles.map((r) => (
                              <Badge key={r.id}>{r.name}</Badge>
                            ))}
                          </Flex>
                        </Td>
                        <Td>
                          {u.administrator ? (
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
                          )}
                        </Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              </Box>
            </Box>
            <Box>
              <Typography variant="delta" tag="h2">
                {t('partners.access.tokens')}
              </Typography>
              <Typography variant="pi" textColor="neutral600" tag="p">
                {t('partners.access.tokensHint')}
              </Typography>
              <Box paddingTop={4}>
                {data.tokens.length === 0 ? (
                  <Typography>{t('partners.access.noTokens')}</Typography>
                ) : (
                  <Table colCount={3} rowCount={data.tokens.length + 1}>
                    {head(['token', 'type', 'cardSystems'])}
                    <Tbody>
                      {data.tokens.map((k) => (
                        <Tr key={k.id} data-testid={`access-token-${k.name}`}>
                          <Td>
                            <Flex direction="column" alignItems="flex-start">
                              <Typography fontWeight="bold">{k.name}</Typography>
                              {k.description && (
                                <Typography variant="pi" textColor="neutral600">
                                  {k.description}
                                </Typography>
                              )}
                            </Flex>
                          </Td>
                          <Td>
                            <Typography>{k.type}</Typography>
                          </Td>
                          <Td>
                            <LinkCell
                              type="tokens"
                              id={k.id}
                              who={k.name}
                              value={k.cardSystems}
                              cardSystems={data.cardSystems}
                              onSaved={(cs) => update('tokens', k.id, cs)}
                            />
                          </Td>
                        </Tr>
                      ))}
                    </Tbody>
                  </Table>
                )}
              </Box>
            </Box>
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
