/** The campaign RBAC actions of the current admin user (buttons are disabled, not hidden). */
import { useMemo } from 'react';
import { useRBAC } from '@strapi/strapi/admin';

const PERMISSIONS = {
  read: [{ action: 'plugin::segmentation.campaigns.read', subject: null }],
  write: [{ action: 'plugin::segmentation.campaigns.write', subject: null }],
  send: [{ action: 'plugin::segmentation.campaigns.send', subject: null }],
  // The per-person list holds personal data: the same action as a segment export.
  export: [{ action: 'plugin::segmentation.segments.export', subject: null }],
};

export function useCampaignPermissions() {
  const permissions = useMemo(() => PERMISSIONS, []);
  const { allowedActions, isLoading } = useRBAC(permissions);
  return {
    canRead: allowedActions.canRead,
    canWrite: allowedActions.canWrite,
    canSend: allowedActions.canSend,
    canExport: allowedActions.canExport,
    isLoading,
  };
}
