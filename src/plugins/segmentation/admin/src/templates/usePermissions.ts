/** The mail RBAC actions of the current admin user (buttons are disabled or hidden, not guessed). */
import { useMemo } from 'react';
import { useRBAC } from '@strapi/strapi/admin';

const PERMISSIONS = {
  read: [{ action: 'plugin::segmentation.templates.read', subject: null }],
  write: [{ action: 'plugin::segmentation.templates.write', subject: null }],
  test: [{ action: 'plugin::segmentation.templates.test', subject: null }],
  manage: [{ action: 'plugin::segmentation.senders.manage', subject: null }],
};

export function useMailPermissions() {
  const permissions = useMemo(() => PERMISSIONS, []);
  const { allowedActions, isLoading } = useRBAC(permissions);
  return {
    canRead: allowedActions.canRead,
    canWrite: allowedActions.canWrite,
    canTest: allowedActions.canTest,
    canManage: allowedActions.canManage,
    isLoading,
  };
}
