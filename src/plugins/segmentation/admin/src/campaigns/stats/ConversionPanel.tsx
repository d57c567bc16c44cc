/**
 * Conversion: of the recipients and of the holdout, who did the chosen action (check-in, cash-in,
 * ticket; optionally at one event or of one advantage) within N days after the send.
 */
import { useState } from 'react';
import { Alert, Box, Button, Field, Flex, Grid, NumberInput, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { CONVERSION_TYPES, useCampaignsApi, type Conversion, type ConversionType } from '../api';
import { fmtNumber, fmtPct } from '../format';
import { ReferenceChoice } from './ReferenceChoice';
import { useT } from '../../utils/useT';
import { problemFields, problemText } from '../problems';

export function ConversionPanel({ documentId, hasHoldout }: { documentId: string; hasHoldout: boolean }) {
  const api = useCampaignsApi();
  const t = useT();
  const [type, setType] = useState<ConversionType>('CHECKIN');
  const [days, setDays] = useState<number | undefined>(30);
  const [key, setKey] = useState<string | undefined>();
  const [result, setResult] = useState<Conversion | null>(null);
  const [problem, setProblem] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [busy, setBusy] = useState(false);
  const kind = type === 'CASHIN' ? 'advantages' : 'events';
  const daysOk = days !== undefined && Number.isInteger(days) && days >= 1 && days <= 365;

  const run = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const ref = key ? (kind === 'events' ? { event: key } : { advantage: key }) : {};
      setResult(await api.conversion(documentId, { type, days: days!, ...ref }));
    } catch (error) {
      const labels = {
        type: t('campaign.conversion.type'),
        days: t('campaign.conversion.days'),
        event: t('campaign.conversion.events'),
        advantage: t('campaign.conversion.advantages'),
      };
      setProblem({ message: problemText(error, t, 'campaign.error.generic', labels), fields: problemFields(error, t, labels) });
    } finally {
      setBusy(false);
    }
  };
  const group = (name: 'recipients' | 'holdout') =>
    result && (
      <Box background="neutral100" padding={4} hasRadius data-testid={`conversion-${name}`} data-rate={result[name].rate ?? ''}>
        <Typography variant="sigma" textColor="neutral600">
          {t(`campaign.conversion.${name}`)}
        </Typography>
        <Typography variant="beta" tag="p">
          {fmtPct(result[name].rate)}
        </Typography>
        <Typography variant="pi" textColor="neutral600">
          {t('campaign.conversion.of', { converted: fmtNumber(result[name].converted), holders: fmtNumber(result[name].holders) })}
        </Typography>
      </Box>
    );

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Grid.Root gap={4}>
        <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
          <Field.Root name="type">
            <Field.Label>{t('campaign.conversion.type')}</Field.Label>
            <SingleSelect value={type} onChange={(v: string | number) => (setType(String(v) as ConversionType), setKey(undefined), setResult(null))}>
              {CONVERSION_TYPES.map((x) => (
                <SingleSelectOption key={x} value={x}>
                  {t(`campaign.conversion.type.${x}`)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
          <ReferenceChoice key={kind} kind={kind} value={key} onChange={setKey} error={problem?.fields.event ?? problem?.fields.advantage} />
        </Grid.Item>
        <Grid.Item col={2} s={12} direction="column" alignItems="stretch">
          <Field.Root name="days" error={daysOk ? problem?.fields.days : t('campaign.conversion.daysError')}>
            <Field.Label>{t('campaign.conversion.days')}</Field.Label>
            <NumberInput value={days} min={1} max={365} onValueChange={setDays} />
            <Field.Error />
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={2} s={12} direction="column" alignItems="stretch" justifyContent="flex-end">
          <Box paddingTop={6}>
            <Button fullWidth loading={busy} disabled={!daysOk} onClick={run}>
              {t('campaign.conversion.run')}
            </Button>
          </Box>
        </Grid.Item>
      </Grid.Root>
      {problem && Object.keys(problem.fields).length === 0 && (
        <Alert variant="danger" title={t('campaign.conversion.failed')} closeLabel={t('campaign.close')} onClose={() => setProblem(null)}>
          {problem.message}
        </Alert>
      )}
      {!hasHoldout && <Typography textColor="neutral600">{t('campaign.conversion.noHoldout')}</Typography>}
      {result && (
        <Flex gap={4} alignItems="stretch">
          {group('recipients')}
          {group('holdout')}
          <Box background="neutral100" padding={4} hasRadius data-testid="conversion-uplift">
            <Typography variant="sigma" textColor="neutral600">
              {t('campaign.conversion.uplift')}
            </Typography>
            <Typography variant="beta" tag="p">
              {result.uplift == null ? '—' : t('campaign.conversion.points', { n: result.uplift.toLocaleString('nl-BE') })}
            </Typography>
          </Box>
        </Flex>
      )}
    </Flex>
  );
}
