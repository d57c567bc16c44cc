/** "Voeg toe": a holder added to the generated audience by hand, by UID or found by name (a manual add step). */
import { useState } from 'react';
import { Box, Button, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { useHoldersApi } from '../holders/api';
import { useDebouncedRequest } from '../utils/useDebouncedRequest';
import { useT } from '../utils/useT';

interface Props {
  disabled: boolean;
  onAdd: (uid: string) => Promise<boolean>;
}

export function AddHolderBox({ disabled, onAdd }: Props) {
  const t = useT();
  const holders = useHoldersApi();
  const [text, setText] = useState('');
  const q = text.trim();
  const found = useDebouncedRequest(q.length >= 2 ? q : null, (signal) => holders.search(q, signal), 300);
  const add = async (uid: string) => {
    if (await onAdd(uid)) setText('');
  };
  return (
    <Box padding={4} hasRadius borderColor="neutral200" data-testid="add-holder">
      <Flex gap={2} alignItems="flex-end">
        <Field.Root name="addHolder" hint={t('audience.add.hint')}>
          <Field.Label>{t('audience.add.label')}</Field.Label>
          <TextInput value={text} disabled={disabled} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setText(e.target.value)} />
          <Field.Hint />
        </Field.Root>
        <Button startIcon={<Plus />} disabled={disabled || !q} onClick={() => add(q)}>
          {t('audience.add.byUid')}
        </Button>
      </Flex>
      {found.state === 'done' && found.value.length > 0 && (
        <Flex direction="column" alignItems="stretch" gap={1} paddingTop={2}>
          {found.value.slice(0, 8).map((h) => (
            <Flex key={h.uid} gap={2}>
              <Typography>{`${h.uid} · ${[h.firstName, h.lastName].filter(Boolean).join(' ')}`}</Typography>
              <Button size="S" variant="tertiary" disabled={disabled} onClick={() => add(h.uid)} aria-label={t('audience.add.one', { uid: h.uid })}>
                {t('audience.add.open')}
              </Button>
            </Flex>
          ))}
        </Flex>
      )}
    </Box>
  );
}
