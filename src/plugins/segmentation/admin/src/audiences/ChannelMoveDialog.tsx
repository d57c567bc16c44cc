/**
 * "Wijzig kanaal": the selected holders get the mailing by another of its channels. The server
 * moves all or none; when it refuses, each holder's problem is shown by its UID (path ["uids", j]).
 */
import { useState } from 'react';
import { Button, Field, Flex, Modal, Radio, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useAudienceApi, type Audience } from './api';
import { problemOf } from '../templates/errors';
import { channelsOf, useChannelWords, type Channel, type MailingChannel } from '../channels/labels';
import { useT } from '../utils/useT';

interface Props {
  documentId: string;
  mailing: MailingChannel;
  uids: string[];
  disabled: boolean;
  onMoved: (audience: Audience) => void;
}

export function ChannelMoveDialog({ documentId, mailing, uids, disabled, onMoved }: Props) {
  const t = useT();
  const api = useAudienceApi();
  const words = useChannelWords();
  const { toggleNotification } = useNotification();
  const options = channelsOf(mailing);
  const [open, setOpen] = useState(false);
  const [channel, setChannel] = useState<Channel>(options[options.length - 1]!);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);

  const move = async () => {
    setBusy(true);
    setProblems([]);
    try {
      const audience = await api.changeChannel(documentId, { uids, channel });
      toggleNotification({ type: 'success', message: t('audience.move.done', { n: uids.length, channel: words.channel(channel) }) });
      setOpen(false);
      onMoved(audience);
    } catch (error) {
      const problem = problemOf(error);
      // Per holder: "<uid>: <message>"; anything else (the channel, the audience) as the server says it.
      const lines = problem.items.map((item) =>
        item.path[0] === 'uids' && typeof item.path[1] === 'number'
          ? t('audience.move.problem', { uid: uids[item.path[1]] ?? String(item.path[1]), message: item.message })
          : item.message,
      );
      setProblems(lines.length ? lines : [problem.message]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal.Root open={open} onOpenChange={(o: boolean) => (setOpen(o), setProblems([]))}>
      <Modal.Trigger>
        <Button variant="secondary" size="S" disabled={disabled || uids.length === 0} data-testid="move-channel">
          {t('audience.move.open', { n: uids.length })}
        </Button>
      </Modal.Trigger>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('audience.move.title')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4} data-testid="move-dialog">
            <Field.Root name="channel">
              <Field.Label>{t('audience.move.text', { n: uids.length })}</Field.Label>
              <Radio.Group value={channel} onValueChange={(v: string) => setChannel(v as Channel)} aria-label={t('audience.members.channel')}>
                {options.map((c) => (
                  <Radio.Item key={c} value={c}>
                    {words.channel(c)}
                  </Radio.Item>
                ))}
              </Radio.Group>
            </Field.Root>
            {problems.length > 0 && (
              <Flex direction="column" alignItems="stretch" gap={1} data-testid="move-problems">
                <Typography fontWeight="bold" textColor="danger600">
                  {t('audience.move.refused')}
                </Typography>
                {problems.map((line, i) => (
                  <Typography key={i} textColor="danger600" variant="pi" data-testid="move-problem">
                    {line}
                  </Typography>
                ))}
              </Flex>
            )}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('audience.cancel')}</Button>
          </Modal.Close>
          <Button loading={busy} onClick={move}>
            {t('audience.move.confirm')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
