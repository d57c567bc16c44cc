/** The plugin's RBAC actions for the current admin user (buttons are disabled, not hidden). */
import { useMemo } from 'react';
import { useRBAC } from '@strapi/strapi/admin';

const PERMISSIONS = {
  read: [{ action: 'plugin::segmentation.segments.read', subject: null }],
  write: [{ action: 'plugin::segmentation.segments.write', subject: null }],
  export: [{ action: 'plugin::segmentation.segments.export', subject: null }],
  send: [{ action: 'plugin::segmentation.campaigns.write', subject: null }],
};

export function usePermissions() {
  const permissions = useMemo(() => PERMISSIONS, []);
  const { allowedActions, isLoading } = useRBAC(permissions);
  return { canRead: allowedActions.canRead, canWrite: allowedActions.canWrite, canExport: allowedActions.canExport, canSend: allowedActions.canSend, isLoading };
}
