/**
 * Who of the ticket holders get the message: all of them, buyers of a product (advantages, from a
 * date on), holders without the product, or specific holders (the segment builder's groups, applied
 * on top of the ticket holders); with the live count of who would get it now.
 */
import { DatePicker, Field, Flex, Radio, Typography, Box } from '@strapi/design-system';
import { RECIPIENT_KINDS, type RecipientKind } from '../../../shared/event-messages';
import type { Draft as DefinitionDraft } from '../segments/builder-state';
import { GroupsEditor } from '../segments/GroupsEditor';
import { ReferenceSelect } from '../segments/ReferenceSelect';
import { fromIso, toIso } from '../segments/dates';
import type { Problem } from './form-state';
import type { Draft } from './form-state';
import { useT } from '../utils/useT';

interface Props {
  draft: Draft;
  errors: Record<string, string>;
  /** Problems inside the specific holders' definition, with the builder's paths. */
  definitionProblems: Problem[];
  showAll: boolean;
  disabled?: boolean;
  onChange: (patch: Partial<Draft>) => void;
}

export function RecipientsFields({ draft, errors, definitionProblems, showAll, disabled, onChange }: Props) {
  const t = useT();
  const product = draft.recipientKind === 'product' || draft.recipientKind === 'noProduct';
  const setDefinition = (definition: DefinitionDraft) => onChange({ definition });
  const groupsEditor = (section: 'groups' | 'exclude') => (
    <GroupsEditor section={section} draft={draft.definition} problems={definitionProblems} showAll={showAll} readOnly={disabled} onChange={setDefinition} />
  );
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Field.Root name="recipients" error={errors['recipients.kind']}>
        <Field.Label>{t('event.form.recipients')}</Field.Label>
        <Radio.Group
          value={draft.recipientKind}
          disabled={disabled}
          onValueChange={(v: string) => onChange({ recipientKind: v as RecipientKind })}
          aria-label={t('event.form.recipients')}
        >
          {RECIPIENT_KINDS.map((k) => (
            <Radio.Item key={k} value={k}>
              {t(`event.form.recipients.${k}`)}
            </Radio.Item>
          ))}
        </Radio.Group>
        <Field.Error />
      </Field.Root>
      {product && (
        <Box paddingLeft={6}>
          <Flex direction="column" alignItems="stretch" gap={3}>
            <ReferenceSelect
              kind="advantages"
              label={t(draft.recipientKind === 'product' ? 'event.form.advantages' : 'event.form.advantagesNot')}
              value={draft.advantages}
              disabled={disabled}
              error={errors['recipients.advantages']}
              onChange={(next) => onChange({ advantages: next ?? [] })}
            />
            <Field.Root name="since" error={errors['recipients.since']} hint={t('event.form.sinceHint')}>
              <Field.Label>{t('event.form.since')}</Field.Label>
              <DatePicker
                disabled={disabled}
                value={fromIso(draft.since)}
                onChange={(d: Date | undefined) => onChange({ since: toIso(d) ?? null })}
                onClear={() => onChange({ since: null })}
                clearLabel={t('event.clear')}
              />
              <Field.Hint />
              <Field.Error />
            </Field.Root>
          </Flex>
        </Box>
      )}
      {draft.recipientKind === 'definition' && (
        <Box paddingLeft={6}>
          <Flex direction="column" alignItems="stretch" gap={3} data-testid="recipients-definition">
            <Typography variant="pi" textColor="neutral600">
              {t('event.form.definitionHint')}
            </Typography>
            {errors['recipients.definition'] && (
              <Typography variant="pi" textColor="danger600">
                {errors['recipients.definition']}
              </Typography>
            )}
            {groupsEditor('groups')}
            <Typography variant="delta" tag="h3">
              {t('event.form.definitionExclude')}
            </Typography>
            {groupsEditor('exclude')}
          </Flex>
        </Box>
      )}
    </Flex>
  );
}
