/**
 * What the current admin user may do with event messages: the mailing actions (an event message is
 * sent as a mailing). Strapi's useRBAC names each answer after the action's last part.
 */
import { useRBAC } from '@strapi/strapi/admin';

const PERMISSIONS = [
  { action: 'plugin::segmentation.campaigns.write', subject: null },
  { action: 'plugin::segmentation.templates.test', subject: null },
  { action: 'plugin::segmentation.personal.read', subject: null },
];

export function useEventPermissions() {
  const { allowedActions, isLoading } = useRBAC(PERMISSIONS);
  return {
    canWrite: Boolean(allowedActions.canWrite),
    canTest: Boolean(allowedActions.canTest),
    canSeePersonal: Boolean(allowedActions.canRead),
    isLoading,
  };
}
