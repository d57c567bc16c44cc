/**
 * One filter of the builder: for each filter type the inputs people expect. Problems found by the
 * shared schema are shown at the field they concern (`errors`, by field name), before any request.
 */
import { useState } from 'react';
import {
  Box,
  DatePicker,
  Field,
  Flex,
  IconButton,
  NumberInput,
  SingleSelect,
  SingleSelectOption,
  Tag,
  TextInput,
  Toggle,
  Typography,
} from '@strapi/design-system';
import { Cross, Trash } from '@strapi/icons';
import { ACTION_TYPES, FILTER_TYPES, OPERATORS, type FilterType } from '../../../shared/definition';
import { newFilter, type DraftFilter } from './builder-state';
import { fromIso, toIso } from './dates';
import { FixedPeriodFields } from './FixedPeriodFields';
import { SelectField } from './SelectField';
import { MailingFields } from './MailingFields';
import { ReferenceSelect } from './ReferenceSelect';
import { useT } from '../utils/useT';

interface Props {
  filter: DraftFilter;
  errors: Record<string, string>;
  onChange: (next: DraftFilter) => void;
  onRemove: () => void;
  readOnly?: boolean;
}

/** Changes fields of a filter; `touch` marks them as touched (their problems show from then on). */
type SetFields = (patch: Record<string, unknown>, touch?: boolean, alsoTouch?: string[]) => void;

/** Operator + one or two values (numbers or dates). */
function Comparison({
  value,
  onChange,
  error,
  kind,
  label,
  onBlur,
  disabled,
}: {
  value: { op?: unknown; value?: unknown };
  onChange: (next: { op: string; value: unknown }) => void;
  error?: string;
  kind: 'number' | 'date';
  label: string;
  /** Leaving the inputs: from then on their problems show. */
  onBlur: () => void;
  disabled?: boolean;
}) {
  const t = useT();
  const op = (value.op as string) ?? '>=';
  const pair = op === 'between';
  const current = (value.value as unknown[] | unknown) ?? undefined;
  const vals = pair ? (Array.isArray(current) ? current : [undefined, undefined]) : [Array.isArray(current) ? undefined : current];
  const set = (i: number, v: unknown) => {
    const next = [...vals];
    next[i] = v;
    onChange({ op, value: pair ? next : next[0] });
  };
  const input = (i: number) =>
    kind === 'number' ? (
      <NumberInput
        aria-label={`${label} ${i + 1}`}
        name={`${label}-${i}`}
        value={vals[i] as number | undefined}
        onValueChange={(v: number | undefined) => set(i, v)}
        step={1}
        disabled={disabled}
      />
    ) : (
      <DatePicker
        aria-label={`${label} ${i + 1}`}
        name={`${label}-${i}`}
        value={fromIso(vals[i])}
        onChange={(d: Date | undefined) => set(i, toIso(d))}
        disabled={disabled}
      />
    );
  return (
    <Field.Root error={error} name={label}>
      <Field.Label>{label}</Field.Label>
      <Flex gap={2} alignItems="flex-start" onBlur={onBlur}>
        <Box minWidth="120px">
          <SingleSelect
            disabled={disabled}
            aria-label={t('filter.operator')}
            value={op}
            onChange={(o: string | number) => onChange({ op: String(o), value: String(o) === 'between' ? [vals[0], undefined] : vals[0] })}
          >
            {OPERATORS.map((o) => (
              <SingleSelectOption key={o} value={o}>
                {t(`op.${o}`)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Box>
        {input(0)}
        {pair && <Typography>{t('filter.and')}</Typography>}
        {pair && input(1)}
      </Flex>
      <Field.Error />
    </Field.Root>
  );
}

/** A labelled on / off switch. */
function ToggleField(props: {
  name: string;
  label: string;
  onLabel: string;
  offLabel: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <Field.Root name={props.name}>
      <Field.Label>{props.label}</Field.Label>
      <Toggle
        disabled={props.disabled}
        onLabel={props.onLabel}
        offLabel={props.offLabel}
        checked={props.checked}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => props.onChange(e.target.checked)}
      />
    </Field.Root>
  );
}

function PostcodeTags({ value, onChange, error, disabled }: { value: string[]; onChange: (v: string[]) => void; error?: string; disabled?: boolean }) {
  const t = useT();
  const [text, setText] = useState('');
  const [local, setLocal] = useState<string | undefined>();
  const add = () => {
    const codes = text.split(/[\s,;]+/).filter(Boolean);
    const bad = codes.filter((c) => !/^[0-9]{4}$/.test(c));
    if (bad.length) return setLocal(t('postcode.invalid', { values: bad.join(', ') }));
    setLocal(undefined);
    onChange([...new Set([...value, ...codes])]);
    setText('');
  };
  return (
    <Field.Root error={local ?? error} name="postcodes" hint={t('postcode.hint')}>
      <Field.Label>{t('filter.postcodes')}</Field.Label>
      <TextInput
        value={text}
        disabled={disabled}
        placeholder="9000 9030"
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => setText(e.target.value)}
        onKeyDown={(e: React.KeyboardEvent) => e.key === 'Enter' && (e.preventDefault(), add())}
        onBlur={() => text && add()}
      />
      <Field.Hint />
      <Field.Error />
      <Flex gap={1} wrap="wrap" paddingTop={1}>
        {value.map((c) => (
          <Tag key={c} icon={<Cross aria-hidden />} disabled={disabled} onClick={() => onChange(value.filter((x) => x !== c))}>
            {c}
          </Tag>
        ))}
      </Flex>
    </Field.Root>
  );
}

function ActionFields({ filter, set, errors, disabled }: { filter: DraftFilter; set: SetFields; errors: Record<string, string>; disabled?: boolean }) {
  const t = useT();
  const period = filter.period as { from?: string; to?: string; last?: string } | undefined;
  const mode = !period ? 'all' : period.last ? `last-${period.last}` : 'fixed';
  const cashin = filter.action === 'CASHIN';
  /** An optional narrowing by reference keys; the filter's field is named as the kind. */
  const reference = (kind: 'counterTypes' | 'counters' | 'eventThemes' | 'events' | 'advantages') => (
    <Box minWidth="260px">
      <ReferenceSelect
        optional
        disabled={disabled}
        kind={kind}
        label={t(`filter.${kind}`)}
        value={filter[kind] as string[]}
        error={errors[kind]}
        onChange={(v) => set({ [kind]: v })}
      />
    </Box>
  );
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Flex gap={3} alignItems="flex-start">
        <SelectField
          name="action"
          label={t('filter.action')}
          disabled={disabled}
          value={filter.action as string}
          options={ACTION_TYPES}
          text={(a) => t(`action.${a}`)}
          onChange={(a) => set(a === 'CASHIN' ? { action: a, events: undefined, eventThemes: undefined } : { action: a, advantages: undefined })}
        />
        <Comparison
          kind="number"
          label={t('filter.count')}
          value={(filter.count as object) ?? {}}
          error={errors.count}
          disabled={disabled}
          onChange={(count) => set({ count }, false)}
          onBlur={() => set({}, true, ['count'])}
        />
      </Flex>
      <Flex gap={3} alignItems="flex-start">
        <SelectField
          name="period"
          label={t('filter.period')}
          error={errors.period}
          disabled={disabled}
          value={mode}
          options={['all', 'last-month', 'last-year', 'fixed']}
          text={(m) => t(`period.${m}`)}
          onChange={(m) => set({ period: m === 'all' ? undefined : m === 'fixed' ? { from: undefined, to: undefined } : { last: m.slice(5) } }, m !== 'fixed')}
        />
        {mode === 'fixed' && <FixedPeriodFields period={period} disabled={disabled} onChange={set} />}
      </Flex>
      <Flex gap={3} alignItems="flex-start" wrap="wrap">
        {reference('counterTypes')}
        {reference('counters')}
        {!cashin && reference('eventThemes')}
        {!cashin && reference('events')}
        {cashin && reference('advantages')}
      </Flex>
    </Flex>
  );
}

export function FilterEditor({ filter, errors, onChange, onRemove, readOnly }: Props) {
  const t = useT();
  const set: SetFields = (patch, touch = true, alsoTouch = []) => {
    const touched = touch ? [...new Set([...(filter._touched ?? []), ...Object.keys(patch), ...alsoTouch])] : filter._touched;
    onChange({ ...filter, ...patch, _touched: touched } as DraftFilter);
  };
  const comparison = (label: string) => (
    <Comparison
      kind={filter.type === 'birthdate' ? 'date' : 'number'}
      label={label}
      value={{ op: filter.op, value: filter.value }}
      error={errors.value ?? errors.op}
      disabled={readOnly}
      onChange={(next) => set(next, false)}
      onBlur={() => set({}, true, ['value', 'op'])}
    />
  );
  /** A required choice of reference keys; the filter's field is named as the kind. */
  const required = (kind: 'cardSystems' | 'associations') => (
    <ReferenceSelect
      kind={kind}
      label={t(`filter.${kind}`)}
      value={filter[kind] as string[]}
      error={errors[kind]}
      disabled={readOnly}
      onChange={(v) => set({ [kind]: v ?? [] })}
    />
  );
  let body: React.ReactNode = null;
  switch (filter.type) {
    case '':
      body = (
        <Typography textColor="neutral600" variant="pi">
          {t('filter.chooseHint')}
        </Typography>
      );
      break;
    case 'cardSystem':
      body = required('cardSystems');
      break;
    case 'membership':
      body = required('associations');
      break;
    case 'action':
      body = <ActionFields filter={filter} set={set} errors={errors} disabled={readOnly} />;
      break;
    case 'birthdate':
      body = comparison(t('filter.birthdate'));
      break;
    case 'age':
      body = comparison(t('filter.age'));
      break;
    case 'points':
      body = comparison(t('filter.points'));
      break;
    case 'kansenstatuut':
      body = (
        <Flex gap={4}>
          <ToggleField
            name="kansenstatuut"
            label={t('filter.kansenstatuut')}
            onLabel={t('kansenstatuut.with')}
            offLabel={t('kansenstatuut.without')}
            checked={filter.value === true}
            disabled={readOnly}
            onChange={(on) => set({ value: on })}
          />
          <ToggleField
            name="currentlyValid"
            label={t('kansenstatuut.currentlyValid')}
            onLabel={t('yes')}
            offLabel={t('no')}
            checked={filter.currentlyValid === true}
            disabled={readOnly}
            onChange={(on) => set({ currentlyValid: on ? true : undefined })}
          />
        </Flex>
      );
      break;
    case 'postcode':
      body = <PostcodeTags value={(filter.postcodes as string[]) ?? []} error={errors.postcodes} disabled={readOnly} onChange={(v) => set({ postcodes: v })} />;
      break;
    case 'mailing':
      body = <MailingFields filter={filter} set={set} errors={errors} disabled={readOnly} />;
      break;
  }
  const shownErrors = Object.values(errors);
  return (
    <Box
      background="neutral0"
      padding={4}
      hasRadius
      borderColor={shownErrors.length ? 'danger600' : 'neutral200'}
      borderStyle="solid"
      borderWidth="1px"
      data-testid="filter"
    >
      <Flex justifyContent="space-between" alignItems="flex-start" gap={3}>
        <Box minWidth="200px">
          <Field.Root name="type" error={errors.type}>
            <SingleSelect
              aria-label={t('filter.type')}
              placeholder={t('filter.choose')}
              disabled={readOnly}
              value={filter.type || undefined}
              onChange={(type: string | number) => onChange({ ...newFilter(type as FilterType), _key: filter._key })}
            >
              {FILTER_TYPES.map((ft) => (
                <SingleSelectOption key={ft} value={ft}>
                  {t(`type.${ft}`)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
            <Field.Error />
          </Field.Root>
        </Box>
        <Box flex="1">{body}</Box>
        {!readOnly && (
          <IconButton label={t('filter.remove')} onClick={onRemove} variant="ghost">
            <Trash />
          </IconButton>
        )}
      </Flex>
    </Box>
  );
}
