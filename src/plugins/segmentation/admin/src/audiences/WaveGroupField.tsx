/**
 * The mailing's campaign (wave group): picked from the groups already named on the partner's
 * mailings, or created by typing a new name. A typed name that differs from an existing group only
 * in case or spaces is that group (resolveWaveGroup), so a typo does not split a campaign.
 */
import { useState } from 'react';
import { Combobox, ComboboxOption, Field } from '@strapi/design-system';
import { resolveWaveGroup } from '../../../shared/audience';
import { useT } from '../utils/useT';

interface Props {
  value: string;
  /** The partner's groups (the server's `waveGroups`). */
  groups: string[];
  onChange: (group: string) => void;
  disabled?: boolean;
}

export function WaveGroupField({ value, groups, onChange, disabled }: Props) {
  const t = useT();
  const [text, setText] = useState<string | undefined>(undefined);
  const options = value && !groups.includes(value) ? [...groups, value] : groups;
  const choose = (typed: string | undefined) => {
    onChange(resolveWaveGroup(typed, groups) ?? '');
    setText(undefined);
  };
  return (
    <Field.Root name="waveGroup" hint={t('audience.wave.hint')}>
      <Field.Label>{t('audience.wave.label')}</Field.Label>
      <Combobox
        disabled={disabled}
        value={value || undefined}
        textValue={text ?? value}
        onTextValueChange={setText}
        onChange={(v: string | undefined) => choose(v)}
        creatable
        onCreateOption={(v?: string) => choose(v)}
        createMessage={(v: string) => t('audience.wave.create', { name: resolveWaveGroup(v, groups) ?? v })}
        placeholder={t('audience.wave.none')}
        onClear={() => choose(undefined)}
        clearLabel={t('audience.wave.clear')}
        autocomplete="list"
      >
        {options.map((g) => (
          <ComboboxOption key={g} value={g}>
            {g}
          </ComboboxOption>
        ))}
      </Combobox>
      <Field.Hint />
    </Field.Root>
  );
}
