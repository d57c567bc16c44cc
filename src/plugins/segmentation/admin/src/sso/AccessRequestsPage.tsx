/**
 * Settings → UiTPAS → Toegangsaanvragen: people who signed in with UiTID and asked for access.
 * Administrators approve with a role and card systems (the admin user is created, linked to the
 * person's UiTID) or refuse with a reason; the person gets a mail either way (issue 23).
 */
import { useEffect, useState } from 'react';
import { Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { ACCESS_REQUEST_STATUSES } from '../../../shared/access-requests';
import { useAccessRequestsApi, type AccessRequestList, type AccessRequestStatus } from './api';
import { RequestCard } from './RequestCard';
import { messageOf } from '../partners/errors';
import { LoadState } from '../components/LoadState';
import { useT } from '../utils/useT';

function AccessRequestsPage() {
  const t = useT();
  const api = useAccessRequestsApi();
  const [status, setStatus] = useState<AccessRequestStatus>('pending');
  const [data, setData] = useState<AccessRequestList | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setData(null);
    api.list(status).then(setData, (e) => setError(messageOf(e, t)));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs only when the status changes
  }, [status]);

  return (
    <Page.Main>
      <Page.Title>{t('sso.requests.title')}</Page.Title>
      <Layouts.Header
        title={t('sso.requests.title')}
        subtitle={t('sso.requests.subtitle')}
        primaryAction={
          <SingleSelect aria-label={t('sso.requests.show')} value={status} onChange={(v: string | number) => setStatus(String(v) as AccessRequestStatus)}>
            {ACCESS_REQUEST_STATUSES.map((s) => (
              <SingleSelectOption key={s} value={s}>
                {t(`sso.requests.status.${s}`)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        }
      />
      <Layouts.Content>
        <LoadState error={error} loaded={Boolean(data)} />
        {data && data.results.length === 0 && <Typography>{t('sso.requests.none')}</Typography>}
        {data && (
          <Flex direction="column" alignItems="stretch" gap={4}>
            {data.results.map((r) => (
              <RequestCard
                key={r.id}
                request={r}
                choices={data}
                onDecided={(decided) => setData((d) => d && { ...d, results: d.results.map((x) => (x.id === decided.id ? decided : x)) })}
              />
            ))}
          </Flex>
        )}
      </Layouts.Content>
    </Page.Main>
  );
}

export default function ProtectedAccessRequestsPage() {
  return (
    <Page.Protect permissions={[{ action: 'plugin::segmentation.access.manage', subject: null }]}>
      <AccessRequestsPage />
    </Page.Protect>
  );
}
