/** Whether the current admin user may lift a suppression (access.manage: administrators). */
import { useRBAC } from '@strapi/strapi/admin';

const PERMISSIONS = [{ action: 'plugin::segmentation.access.manage', subject: null }];

export function useBouncePermissions() {
  const { allowedActions, isLoading } = useRBAC(PERMISSIONS);
  return { canLift: Boolean(allowedActions.canManage), isLoading };
}
