/**
 * The mail RBAC actions of the current admin user (buttons are hidden or disabled, not guessed);
 * without `personal.read` there is no personalised preview and no test mail.
 */
import { useActions } from '../partners/useActions';

const ACTIONS = {
  read: 'plugin::segmentation.templates.read',
  write: 'plugin::segmentation.templates.write',
  test: 'plugin::segmentation.templates.test',
  manage: 'plugin::segmentation.senders.manage',
  personal: 'plugin::segmentation.personal.read',
};

export function useMailPermissions() {
  const { allowed, isLoading } = useActions(ACTIONS);
  return { canRead: allowed.read, canWrite: allowed.write, canTest: allowed.test, canManage: allowed.manage, canSeePersonal: allowed.personal, isLoading };
}
