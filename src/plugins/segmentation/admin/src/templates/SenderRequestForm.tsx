/**
 * "Afzender aanvragen": an address, a display name and (for a user with several card systems, or an
 * administrator) the partner it is for; the server mails a verification link to the address.
 */
import { useEffect, useState } from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useTemplatesApi } from './api';
import { problemOf, useProblemText, type FieldErrors } from './errors';
import { TextField } from './TextField';
import type { Me } from '../partners/api';
import { CardSystemField } from '../partners/CardSystemField';
import { cardSystemBody, initialCardSystem, mustChoose } from '../partners/card-system';
import { useT } from '../utils/useT';

export function SenderRequestForm({ me, disabled, onRequested }: { me: Me | null; disabled?: boolean; onRequested: () => void }) {
  const t = useT();
  const api = useTemplatesApi();
  const { toggleNotification } = useNotification();
  const problemText = useProblemText();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [cardSystem, setCardSystem] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => setCardSystem((c) => c || initialCardSystem(me)), [me]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (mustChoose(me, cardSystem)) return setErrors({ cardSystem: t('partners.cardSystem.required') });
    setBusy(true);
    setErrors({});
    try {
      await api.requestSender({ email: email.trim(), displayName: displayName.trim() || null, ...cardSystemBody(me, cardSystem) });
      toggleNotification({ type: 'success', message: t('mail.senders.requested', { email: email.trim() }) });
      setEmail('');
      setDisplayName('');
      onRequested();
    } catch (error) {
      const problem = problemOf(error);
      setErrors(problem.fields);
      if (!Object.keys(problem.fields).length) toggleNotification({ type: 'danger', message: problemText(problem, 'mail.senders.rateLimited') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={5} marginBottom={6}>
      <form onSubmit={submit}>
        <Typography variant="delta" tag="h2">
          {t('mail.senders.request')}
        </Typography>
        <Typography variant="pi" textColor="neutral600" tag="p">
          {t('mail.senders.requestHint')}
        </Typography>
        <Flex gap={4} alignItems="flex-start" paddingTop={4} wrap="wrap">
          <Box flex="2" minWidth="240px">
            <TextField
              name="email"
              label={t('mail.senders.email')}
              value={email}
              onChange={setEmail}
              error={errors.email}
              required
              disabled={disabled}
              placeholder="nieuws@…"
            />
          </Box>
          <Box flex="2" minWidth="200px">
            <TextField
              name="displayName"
              label={t('mail.senders.displayName')}
              value={displayName}
              onChange={setDisplayName}
              error={errors.displayName}
              disabled={disabled}
            />
          </Box>
          {me && (me.allCardSystems || me.cardSystems.length > 1) && (
            <Box flex="2" minWidth="200px">
              <CardSystemField me={me} value={cardSystem} error={errors.cardSystem} disabled={disabled} onChange={(v) => (setCardSystem(v), setErrors({}))} />
            </Box>
          )}
          <Box paddingTop={6}>
            <Button type="submit" startIcon={<Plus />} loading={busy} disabled={disabled || !email.trim()}>
              {t('mail.senders.requestButton')}
            </Button>
          </Box>
        </Flex>
      </form>
    </Box>
  );
}
