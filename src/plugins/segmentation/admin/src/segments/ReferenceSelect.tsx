/**
 * Searchable async multi-select of reference keys (card systems, counters, events, themes, ...):
 * the plugin serves matches page by page, so thousands of events are never loaded whole.
 * Selected keys show as tags with their names.
 */
import { useEffect, useRef, useState } from 'react';
import { Box, Combobox, ComboboxOption, Field, Flex, Tag } from '@strapi/design-system';
import { Cross } from '@strapi/icons';
import { useSegmentsApi, type Option } from './api';
import { useT } from '../utils/useT';

interface Props {
  kind: 'cardSystems' | 'counters' | 'events' | 'advantages' | 'associations' | 'counterTypes' | 'eventThemes';
  label: string;
  value: string[] | undefined;
  onChange: (next: string[] | undefined) => void;
  error?: string;
  optional?: boolean;
  disabled?: boolean;
}

export function ReferenceSelect({ kind, label, value, onChange, error, optional, disabled }: Props) {
  const api = useSegmentsApi();
  const t = useT();
  const [text, setText] = useState('');
  const [options, setOptions] = useState<Option[]>([]);
  const [names, setNames] = useState<Record<string, string>>({});
  const [loading, setLoading] = useState(false);
  const request = useRef(0);
  const selected = value ?? [];

  useEffect(() => {
    const missing = selected.filter((k) => !(k in names));
    if (missing.length === 0) return;
    api.names(kind, missing).then(
      (rows) => setNames((n) => ({ ...n, ...Object.fromEntries(rows.map((r) => [r.key, r.name])) })),
      () => undefined,
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs only when the values listed change
  }, [kind, selected.join('|')]);

  useEffect(() => {
    const id = ++request.current;
    setLoading(true);
    const timer = setTimeout(() => {
      api
        .search(kind, text)
        .then(
          (rows) => {
            if (id === request.current) {
              setOptions(rows);
              setNames((n) => ({ ...n, ...Object.fromEntries(rows.map((r) => [r.key, r.name])) }));
            }
          },
          () => undefined,
        )
        .finally(() => id === request.current && setLoading(false));
    }, 200);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs only when the values listed change
  }, [kind, text]);

  const add = (key: string | undefined) => {
    if (!key || selected.includes(key)) return;
    onChange([...selected, key]);
    setText('');
  };
  const remove = (key: string) => {
    const next = selected.filter((k) => k !== key);
    onChange(next.length === 0 && optional ? undefined : next);
  };

  return (
    <Field.Root error={error} name={`${kind}-select`}>
      <Field.Label>{label}</Field.Label>
      <Combobox
        placeholder={t('reference.search')}
        loading={loading}
        textValue={text}
        onTextValueChange={setText}
        onChange={(v: string | undefined) => add(v)}
        autocomplete="none"
        aria-label={label}
        disabled={disabled}
      >
        {options
          .filter((o) => !selected.includes(o.key))
          .map((o) => (
            <ComboboxOption key={o.key} value={o.key}>
              {o.name === o.key ? o.name : `${o.name} (${o.key})`}
            </ComboboxOption>
          ))}
      </Combobox>
      {selected.length > 0 && (
        <Box paddingTop={1}>
          <Flex gap={1} wrap="wrap">
            {selected.map((k) => (
              <Tag key={k} icon={<Cross aria-hidden />} disabled={disabled} onClick={() => remove(k)} label={t('reference.remove', { name: names[k] ?? k })}>
                {names[k] ?? k}
              </Tag>
            ))}
          </Flex>
        </Box>
      )}
      <Field.Error />
    </Field.Root>
  );
}
