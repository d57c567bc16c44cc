/** One user's or token's card systems: a multi-select and its own save button. */
import { useEffect, useState } from 'react';
import { Button, Field, Flex, MultiSelect, MultiSelectOption } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { usePartnersApi, type CardSystem } from './api';
import { messageOf } from './errors';
import { problemOf } from '../templates/errors';
import { useT } from '../utils/useT';

interface Props {
  type: 'users' | 'tokens';
  id: number;
  /** Who it is, for the label and the notification. */
  who: string;
  value: string[];
  cardSystems: CardSystem[];
  onSaved: (cardSystems: string[]) => void;
}

const same = (a: string[], b: string[]) => [...a].sort().join('\n') === [...b].sort().join('\n');

export function LinkCell({ type, id, who, value, cardSystems, onSaved }: Props) {
  const t = useT();
  const api = usePartnersApi();
  const { toggleNotification } = useNotification();
  const [chosen, setChosen] = useState<string[]>(value);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => setChosen(value), [value]);

  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      const saved = await api.link(type, id, chosen);
      onSaved(saved.cardSystems);
      toggleNotification({ type: 'success', message: t('partners.access.saved', { who }) });
    } catch (e) {
      const fields = problemOf(e).fields;
      setError(fields.cardSystems ?? messageOf(e, t));
    } finally {
      setSaving(false);
    }
  };

  const label = t('partners.access.cardSystemsOf', { who });
  return (
    <Flex gap={2} alignItems="flex-start">
      <Field.Root name={`cardSystems-${type}-${id}`} error={error}>
        <MultiSelect
          aria-label={label}
          value={chosen}
          withTags
          placeholder={type === 'tokens' ? t('partners.access.unrestricted') : t('partners.access.noneLinked')}
          onChange={(v: string[]) => (setChosen(v), setError(undefined))}
        >
          {cardSystems.map((c) => (
            <MultiSelectOption key={c.key} value={c.key}>
              {c.name ?? c.key}
            </MultiSelectOption>
          ))}
        </MultiSelect>
        <Field.Error />
      </Field.Root>
      <Button
        variant="secondary"
        startIcon={<Check />}
        loading={saving}
        disabled={same(chosen, value)}
        onClick={save}
        aria-label={t('partners.access.saveFor', { who })}
      >
        {t('partners.save')}
      </Button>
    </Flex>
  );
}
