/** Which consents a recipient must have: none asked, every consent, or chosen ones required and others excluded. */
import { Box, Field, Flex, Radio } from '@strapi/design-system';
import { CONSENT_MODES, type ConsentMode } from '../../../shared/event-messages';
import type { Draft } from './form-state';
import { KeyTags } from './KeyTags';
import { useT } from '../utils/useT';

interface Props {
  draft: Draft;
  errors: Record<string, string>;
  disabled?: boolean;
  onChange: (patch: Partial<Draft>) => void;
}

export function ConsentsFields({ draft, errors, disabled, onChange }: Props) {
  const t = useT();
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Field.Root name="consents" error={errors['consents.mode']}>
        <Field.Label>{t('event.form.consents')}</Field.Label>
        <Radio.Group
          value={draft.consentMode}
          disabled={disabled}
          onValueChange={(v: string) => onChange({ consentMode: v as ConsentMode })}
          aria-label={t('event.form.consents')}
        >
          {CONSENT_MODES.map((k) => (
            <Radio.Item key={k} value={k}>
              {t(`event.form.consents.${k}`)}
            </Radio.Item>
          ))}
        </Radio.Group>
        <Field.Error />
      </Field.Root>
      {draft.consentMode === 'chosen' && (
        <Box paddingLeft={6}>
          <Flex gap={4} alignItems="flex-start" wrap="wrap">
            <Box flex="1" minWidth="240px">
              <KeyTags
                name="consents-require"
                label={t('event.form.consents.require')}
                hint={t('event.form.consents.requireHint')}
                value={draft.require}
                disabled={disabled}
                error={errors['consents.require']}
                onChange={(require) => onChange({ require })}
              />
            </Box>
            <Box flex="1" minWidth="240px">
              <KeyTags
                name="consents-exclude"
                label={t('event.form.consents.exclude')}
                hint={t('event.form.consents.excludeHint')}
                value={draft.exclude}
                disabled={disabled}
                error={errors['consents.exclude']}
                onChange={(exclude) => onChange({ exclude })}
              />
            </Box>
          </Flex>
        </Box>
      )}
    </Flex>
  );
}
