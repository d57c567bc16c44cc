/** Send (after the confirmation), pause, resume and cancel, as the campaign's status allows. */
import { useState } from 'react';
import { Button } from '@strapi/design-system';
import { PaperPlane, Play, Stop } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useCampaignsApi, type Campaign, type Confirmation } from './api';
import { ConfirmSendDialog } from './ConfirmSendDialog';

import { useCampaignPermissions } from './usePermissions';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useT } from '../utils/useT';
import { problemText } from './problems';
import { Why } from '../components/Why';
import { allows, STATUS } from '../../../shared/campaign-lifecycle';

interface Props {
  /** Null for a new campaign: "Mailing versturen" saves it first. */
  campaign: Campaign | null;
  /** Unsaved changes: they are saved before the confirmation is asked. */
  dirty: boolean;
  onSave: () => Promise<Campaign | null>;
  onChanged: (campaign: Campaign) => void;
}

type Action = 'pause' | 'resume' | 'cancel';

export function SendActions({ campaign, dirty, onSave, onChanged }: Props) {
  const api = useCampaignsApi();
  const t = useT();
  const { toggleNotification } = useNotification();
  const { canSend, canWrite } = useCampaignPermissions();
  const [busy, setBusy] = useState<'confirm' | Action | null>(null);
  const [confirmation, setConfirmation] = useState<{ campaign: Campaign; numbers: Confirmation } | null>(null);
  const status = campaign?.status ?? STATUS.draft;

  const openConfirmation = async () => {
    setBusy('confirm');
    try {
      const current = dirty || !campaign ? await onSave() : campaign;
      if (!current) return;
      setConfirmation({ campaign: current, numbers: await api.confirmation(current.documentId) });
    } catch (error) {
      toggleNotification({ type: 'danger', message: problemText(error, t) });
    } finally {
      setBusy(null);
    }
  };

  const [askCancel, setAskCancel] = useState(false);
  const act = async (action: Action, confirmed = false) => {
    if (!campaign) return;
    if (action === 'cancel' && !confirmed) return setAskCancel(true);
    setAskCancel(false);
    setBusy(action);
    try {
      onChanged(await api.act(campaign.documentId, action));
      toggleNotification({ type: 'success', message: t(`campaign.actions.${action}.done`) });
    } catch (error) {
      toggleNotification({ type: 'danger', message: problemText(error, t) });
    } finally {
      setBusy(null);
    }
  };
  const noSend = !canSend && t('campaign.why.noSend');
  const button = (action: Action, icon?: React.ReactNode) => (
    <Why key={action} reason={noSend}>
      <Button
        variant={action === 'cancel' ? 'danger-light' : 'secondary'}
        startIcon={icon}
        loading={busy === action}
        disabled={!canSend || busy !== null}
        onClick={() => act(action)}
      >
        {t(`campaign.actions.${action}`)}
      </Button>
    </Why>
  );
  const sendBlocked = noSend || ((dirty || !campaign) && !canWrite && t('campaign.why.saveFirstNoWrite'));

  return (
    <>
      {allows('pause', status) && button('pause')}
      {allows('resume', status) && button('resume', <Play />)}
      {/* A draft may be cancelled too, but there is nothing to stop: it is just left. */}
      {allows('cancel', status) && status !== STATUS.draft && button('cancel', <Stop />)}
      {allows('start', status) && (
        <Why reason={sendBlocked}>
          <Button startIcon={<PaperPlane />} loading={busy === 'confirm'} disabled={Boolean(sendBlocked) || busy !== null} onClick={openConfirmation}>
            {t('campaign.actions.send')}
          </Button>
        </Why>
      )}
      <ConfirmDialog
        open={askCancel}
        title={t('campaign.actions.cancel.title')}
        body={t('campaign.actions.confirmCancel', { name: campaign?.name ?? '' })}
        confirmLabel={t('campaign.actions.cancel.yes')}
        cancelLabel={t('campaign.actions.cancel.no')}
        onConfirm={() => void act('cancel', true)}
        onCancel={() => setAskCancel(false)}
      />
      {confirmation && (
        <ConfirmSendDialog
          campaign={confirmation.campaign}
          confirmation={confirmation.numbers}
          onClose={() => setConfirmation(null)}
          onSent={(c) => {
            setConfirmation(null);
            onChanged(c);
            toggleNotification({ type: 'success', message: t('campaign.actions.send.done') });
          }}
        />
      )}
    </>
  );
}
