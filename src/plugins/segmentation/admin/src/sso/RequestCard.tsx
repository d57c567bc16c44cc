/** One access request: who asks, for which organisation and why; when pending, approve (role, card systems) or refuse (reason). */
import { useState } from 'react';
import { Badge, Box, Button, Field, Flex, MultiSelect, MultiSelectOption, SingleSelect, SingleSelectOption, Textarea, Typography } from '@strapi/design-system';
import { Check, Cross } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useAccessRequestsApi, type AccessRequestList, type AccessRequestRow } from './api';
import { messageOf } from '../partners/errors';
import { useT } from '../utils/useT';

interface Props {
  request: AccessRequestRow;
  choices: Pick<AccessRequestList, 'roles' | 'cardSystems'>;
  onDecided: (request: AccessRequestRow) => void;
}

export function RequestCard({ request: r, choices, onDecided }: Props) {
  const t = useT();
  const api = useAccessRequestsApi();
  const { toggleNotification } = useNotification();
  const [roleId, setRoleId] = useState<number | null>(null);
  const [cardSystems, setCardSystems] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const who = `${r.firstname} ${r.lastname}`;

  const decide = async (call: () => Promise<AccessRequestRow>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      onDecided(await call());
      toggleNotification({ type: 'success', message });
    } catch (e) {
      setError(messageOf(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box padding={5} background="neutral0" hasRadius shadow="tableShadow" data-testid={`access-request-${r.email}`}>
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Flex justifyContent="space-between">
          <Typography variant="delta" tag="h2">
            {who} · {r.email}
          </Typography>
          <Badge>{t(`sso.requests.status.${r.status}`)}</Badge>
        </Flex>
        <Typography>
          <b>{t('sso.requests.organisation')}:</b> {r.organisation}
        </Typography>
        <Typography>
          <b>{t('sso.requests.reason')}:</b> {r.reason}
        </Typography>
        <Typography variant="pi" textColor="neutral600">
          {t('sso.requests.asked', { at: new Date(r.createdAt).toLocaleString() })}
          {r.decidedAt ? ` · ${t('sso.requests.decided', { at: new Date(r.decidedAt).toLocaleString(), by: r.decidedBy ?? '' })}` : ''}
          {r.refusal ? ` · ${r.refusal}` : ''}
        </Typography>
        {error && (
          <Typography textColor="danger600" role="alert">
            {error}
          </Typography>
        )}
        {r.status === 'pending' && (
          <Flex gap={6} alignItems="flex-end" wrap="wrap">
            <Flex gap={2} alignItems="flex-end">
              <Field.Root name={`role-${r.id}`}>
                <Field.Label>{t('sso.requests.role')}</Field.Label>
                <SingleSelect aria-label={t('sso.requests.role')} value={roleId ?? undefined} onChange={(v: string | number) => setRoleId(Number(v))}>
                  {choices.roles.map((role) => (
                    <SingleSelectOption key={role.id} value={role.id}>
                      {role.name}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
              <Field.Root name={`cardSystems-${r.id}`}>
                <Field.Label>{t('sso.requests.cardSystems')}</Field.Label>
                <MultiSelect aria-label={t('sso.requests.cardSystems')} value={cardSystems} withTags onChange={(v: string[]) => setCardSystems(v)}>
                  {choices.cardSystems.map((c) => (
                    <MultiSelectOption key={c.key} value={c.key}>
                      {c.name ?? c.key}
                    </MultiSelectOption>
                  ))}
                </MultiSelect>
              </Field.Root>
              <Button
                startIcon={<Check />}
                loading={busy}
                disabled={roleId === null}
                onClick={() => decide(() => api.approve(r.id, roleId!, cardSystems), t('sso.requests.approved', { who }))}
              >
                {t('sso.requests.approve')}
              </Button>
            </Flex>
            <Flex gap={2} alignItems="flex-end">
              <Field.Root name={`reason-${r.id}`}>
                <Field.Label>{t('sso.requests.refusal')}</Field.Label>
                <Textarea value={reason} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setReason(e.target.value)} />
              </Field.Root>
              <Button
                variant="danger-light"
                startIcon={<Cross />}
                loading={busy}
                disabled={!reason.trim()}
                onClick={() => decide(() => api.refuse(r.id, reason.trim()), t('sso.requests.refused', { who }))}
              >
                {t('sso.requests.refuse')}
              </Button>
            </Flex>
          </Flex>
        )}
      </Flex>
    </Box>
  );
}
