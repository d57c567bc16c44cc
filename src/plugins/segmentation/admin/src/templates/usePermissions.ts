/**
 * The mail RBAC actions of the current admin user (buttons are hidden or disabled, not guessed);
 * without `personal.read` there is no personalised preview and no test mail.
 */
import { usePermissionsOf } from '../partners/useActions';

const ACTIONS = {
  canRead: 'plugin::segmentation.templates.read',
  canWrite: 'plugin::segmentation.templates.write',
  canTest: 'plugin::segmentation.templates.test',
  canManage: 'plugin::segmentation.senders.manage',
  canSeePersonal: 'plugin::segmentation.personal.read',
};

export const useMailPermissions = () => usePermissionsOf(ACTIONS);
