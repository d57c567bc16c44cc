/** A labelled text input or textarea with its hint and the server's message for the field; optionally an *Invoegen* menu. */
import { useRef } from 'react';
import { Field, Flex, TextInput, Textarea } from '@strapi/design-system';
import { insertAt } from '../../../shared/personalisation';
import { InsertMenu } from './InsertMenu';

interface Props {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
  multiline?: boolean;
  monospace?: boolean;
  placeholder?: string;
  rows?: number;
  /** Offer the personalisation menu; inserts at the last cursor position (the end when the field was never focused). */
  insert?: boolean;
}

type Input = HTMLInputElement | HTMLTextAreaElement;

export function TextField({ name, label, value, onChange, error, hint, required, disabled, multiline, monospace, placeholder, rows, insert }: Props) {
  const ref = useRef<Input | null>(null);
  const selection = useRef<{ start: number; end: number } | null>(null);
  const remember = (e: React.SyntheticEvent<Input>) => {
    const el = e.currentTarget;
    selection.current = { start: el.selectionStart ?? el.value.length, end: el.selectionEnd ?? el.value.length };
  };
  const put = (tag: string) => {
    const at = selection.current ?? { start: value.length, end: value.length };
    const next = insertAt(value, tag, at.start, at.end);
    selection.current = { start: next.cursor, end: next.cursor };
    onChange(next.text);
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(next.cursor, next.cursor);
    });
  };
  const common = { value, disabled, placeholder, onSelect: remember, onKeyUp: remember, onClick: remember };
  return (
    <Field.Root name={name} error={error} hint={hint} required={required}>
      <Flex justifyContent="space-between" alignItems="flex-end">
        <Field.Label>{label}</Field.Label>
        {insert && !disabled && <InsertMenu field={label} exclude={name === 'buttonUrl' ? [] : ['uitschrijflink']} onInsert={put} />}
      </Flex>
      {multiline ? (
        <Textarea
          {...common}
          ref={ref as React.Ref<HTMLTextAreaElement>}
          rows={rows ?? 8}
          style={monospace ? { fontFamily: 'monospace', fontSize: '12px' } : undefined}
          onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => onChange(e.target.value)}
        />
      ) : (
        <TextInput {...common} ref={ref as React.Ref<HTMLInputElement>} onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(e.target.value)} />
      )}
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}
