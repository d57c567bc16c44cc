/**
 * A list of consent keys: picked from the known ones (`email`, `sms`) or typed (the pass system may
 * know more), shown as tags that remove themselves on click.
 */
import { useState } from 'react';
import { Box, Combobox, ComboboxOption, Field, Flex, Tag } from '@strapi/design-system';
import { Cross } from '@strapi/icons';
import { useT } from '../utils/useT';

/** The consents the tool itself reads (channels/rules.ts); others can be typed. */
export const KNOWN_CONSENTS = ['email', 'sms'] as const;

interface Props {
  name: string;
  label: string;
  hint?: string;
  value: string[];
  onChange: (next: string[]) => void;
  error?: string;
  disabled?: boolean;
}

export function KeyTags({ name, label, hint, value, onChange, error, disabled }: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const add = (key: string | undefined) => {
    const k = key?.trim();
    if (!k || value.includes(k)) return;
    onChange([...value, k]);
    setText('');
  };
  const wordOf = (k: string) => {
    const id = `event.consent.${k}`;
    const word = t(id);
    return word === id ? k : word;
  };
  return (
    <Field.Root name={name} error={error} hint={hint}>
      <Field.Label>{label}</Field.Label>
      <Combobox
        aria-label={label}
        disabled={disabled}
        placeholder={t('event.consents.choose')}
        textValue={text}
        onTextValueChange={setText}
        onChange={(v: string | undefined) => add(v)}
        creatable
        onCreateOption={(v?: string) => add(v)}
        createMessage={(v: string) => t('event.consents.create', { key: v })}
        autocomplete="none"
      >
        {KNOWN_CONSENTS.filter((k) => !value.includes(k)).map((k) => (
          <ComboboxOption key={k} value={k}>
            {wordOf(k)}
          </ComboboxOption>
        ))}
      </Combobox>
      {value.length > 0 && (
        <Box paddingTop={1}>
          <Flex gap={1} wrap="wrap">
            {value.map((k) => (
              <Tag
                key={k}
                icon={<Cross aria-hidden />}
                disabled={disabled}
                onClick={() => onChange(value.filter((x) => x !== k))}
                label={t('event.consents.remove', { key: wordOf(k) })}
              >
                {wordOf(k)}
              </Tag>
            ))}
          </Flex>
        </Box>
      )}
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}
