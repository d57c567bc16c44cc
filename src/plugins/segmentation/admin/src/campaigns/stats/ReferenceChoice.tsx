/** An optional event or advantage, searched by name or key (the plugin serves matches page by page). */
import { useEffect, useRef, useState } from 'react';
import { Combobox, ComboboxOption, Field } from '@strapi/design-system';
import { useCampaignsApi } from '../api';
import { useT } from '../../utils/useT';

interface Props {
  kind: 'events' | 'advantages';
  value: string | undefined;
  onChange: (key: string | undefined) => void;
  error?: string;
}

export function ReferenceChoice({ kind, value, onChange, error }: Props) {
  const api = useCampaignsApi();
  const t = useT();
  const [text, setText] = useState('');
  const [options, setOptions] = useState<{ key: string; name: string }[]>([]);
  const request = useRef(0);

  useEffect(() => {
    const id = ++request.current;
    const timer = setTimeout(() => {
      api.reference(kind, text).then(
        (rows) => id === request.current && setOptions(rows),
        () => undefined,
      );
    }, 200);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs only when the values listed change
  }, [kind, text]);

  const label = t(`campaign.conversion.${kind}`);
  return (
    <Field.Root name={kind} error={error} hint={t('campaign.conversion.optional')}>
      <Field.Label>{label}</Field.Label>
      <Combobox
        aria-label={label}
        value={value}
        textValue={text}
        onTextValueChange={setText}
        onChange={(v: string | undefined) => onChange(v || undefined)}
        onClear={() => onChange(undefined)}
        clearLabel={t('campaign.field.clear')}
        autocomplete="none"
        placeholder={t('campaign.conversion.any')}
      >
        {options.map((o) => (
          <ComboboxOption key={o.key} value={o.key}>
            {o.name === o.key ? o.name : `${o.name} (${o.key})`}
          </ComboboxOption>
        ))}
      </Combobox>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}
