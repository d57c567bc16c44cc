/**
 * Personalisation without code: the *Invoegen* menu of a text field lists the variables by their
 * Dutch names (Voornaam, Naam, Punten, …) and inserts `{{ voornaam }}` at the cursor, with the
 * fallback typed in "als leeg" as `{{ voornaam | default: "Hallo" }}`.
 */
import { useState } from 'react';
import { Box, Button, Field, Flex, Popover, TextInput, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { PERSONALISATION_VARIABLES, personalisationTag } from '../../../shared/personalisation';
import { useT } from '../utils/useT';

interface Props {
  /** The field's label, for the button's accessible name. */
  field: string;
  disabled?: boolean;
  /** Leaves out variables that make no sense in the field (the unsubscribe link outside links). */
  exclude?: string[];
  onInsert: (tag: string) => void;
}

export function InsertMenu({ field, disabled, exclude = [], onInsert }: Props) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [fallback, setFallback] = useState('');
  const variables = PERSONALISATION_VARIABLES.filter((v) => !exclude.includes(v.dutch));
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger>
        <Button variant="tertiary" size="S" startIcon={<Plus />} disabled={disabled} aria-label={t('mail.insert.buttonFor', { field })}>
          {t('mail.insert.button')}
        </Button>
      </Popover.Trigger>
      <Popover.Content sideOffset={4} style={{ zIndex: 5 }}>
        <Flex direction="column" alignItems="stretch" gap={3} padding={3} width="300px" data-testid="insert-menu">
          <Field.Root name="fallback" hint={t('mail.insert.fallbackHint')}>
            <Field.Label>{t('mail.insert.fallback')}</Field.Label>
            <TextInput
              value={fallback}
              placeholder={t('mail.insert.fallbackPlaceholder')}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => setFallback(e.target.value)}
            />
            <Field.Hint />
          </Field.Root>
          <Flex tag="ul" direction="column" alignItems="stretch" gap={1} role="menu" aria-label={t('mail.insert.button')}>
            {variables.map((v) => (
              <Box tag="li" key={v.dutch}>
                <Button
                  role="menuitem"
                  variant="ghost"
                  fullWidth
                  justifyContent="space-between"
                  onClick={() => {
                    onInsert(personalisationTag(v.dutch, fallback));
                    setOpen(false);
                  }}
                >
                  <Flex gap={2} justifyContent="space-between" width="100%">
                    <span>{t(`mail.insert.var.${v.dutch}`)}</span>
                    <Typography variant="pi" textColor="neutral500" style={{ fontFamily: 'monospace' }}>{`{{ ${v.dutch} }}`}</Typography>
                  </Flex>
                </Button>
              </Box>
            ))}
          </Flex>
        </Flex>
      </Popover.Content>
    </Popover.Root>
  );
}
