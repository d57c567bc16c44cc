/**
 * The languages of a saved template (issue 21; Strapi i18n localisations), each named in itself
 * (Nederlands, Français, English, Deutsch): one button per language
 * it has (the one shown pressed), "add a translation" (a copy of the language shown, to translate)
 * and "delete this translation" (when it has more than one). Holders get their own language where
 * the template has it, else the main one (Dutch).
 */
import { useState } from 'react';
import { Box, Button, Dialog, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Plus, Trash, WarningCircle } from '@strapi/icons';
import { TEMPLATE_LANGUAGES } from '../../../shared/template';
import type { TemplateLanguage } from './form-state';
import { useT } from '../utils/useT';
import { AnswerFooter } from '../components/AnswerFooter';

interface Props {
  /** The languages the template has (saved), main one first. */
  locales: TemplateLanguage[];
  /** The language shown (may be a new translation, not saved yet). */
  current: TemplateLanguage;
  disabled?: boolean;
  onSwitch: (locale: TemplateLanguage) => void;
  onAdd: (locale: TemplateLanguage) => void;
  onDelete: () => void;
}

export function LanguageSwitcher({ locales, current, disabled, onSwitch, onAdd, onDelete }: Props) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const shown = locales.includes(current) ? locales : [...locales, current];
  const missing = TEMPLATE_LANGUAGES.filter((l) => !shown.includes(l));
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="language-switcher">
      <Typography variant="pi" fontWeight="bold">
        {t('mail.languages.title')}
      </Typography>
      <Flex gap={2} wrap="wrap">
        {shown.map((l) => (
          <Button
            key={l}
            size="S"
            variant={l === current ? 'default' : 'tertiary'}
            aria-pressed={l === current}
            data-testid={`language-${l}`}
            onClick={() => l !== current && onSwitch(l)}
          >
            {t(`mail.languages.name.${l}`)}
            {!locales.includes(l) ? ` (${t('mail.languages.new')})` : ''}
          </Button>
        ))}
        {missing.length > 0 && !disabled && (
          <Box data-testid="language-add">
            <SingleSelect
              size="S"
              aria-label={t('mail.languages.add')}
              placeholder={t('mail.languages.add')}
              value=""
              startIcon={<Plus />}
              onChange={(v: string | number) => onAdd(String(v) as TemplateLanguage)}
            >
              {missing.map((l) => (
                <SingleSelectOption key={l} value={l}>
                  {t(`mail.languages.name.${l}`)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Box>
        )}
        {shown.length > 1 && !disabled && locales.includes(current) && (
          <Button size="S" variant="danger-light" startIcon={<Trash />} data-testid="language-delete" onClick={() => setConfirming(true)}>
            {t('mail.languages.delete', { language: t(`mail.languages.name.${current}`) })}
          </Button>
        )}
      </Flex>
      <Typography variant="pi" textColor="neutral600">
        {t('mail.languages.hint')}
      </Typography>
      <Dialog.Root open={confirming} onOpenChange={(open: boolean) => setConfirming(open)}>
        <Dialog.Content>
          <Dialog.Header>{t('mail.languages.deleteTitle')}</Dialog.Header>
          <Dialog.Body icon={<WarningCircle width="24px" height="24px" fill="danger600" />}>
            <Typography textAlign="center">{t('mail.languages.deleteBody', { language: t(`mail.languages.name.${current}`) })}</Typography>
          </Dialog.Body>
          <AnswerFooter
            cancelLabel={t('mail.languages.cancel')}
            confirmLabel={t('mail.languages.deleteConfirm')}
            confirmTestId="language-delete-confirm"
            onConfirm={() => {
              setConfirming(false);
              onDelete();
            }}
          />
        </Dialog.Content>
      </Dialog.Root>
    </Flex>
  );
}
