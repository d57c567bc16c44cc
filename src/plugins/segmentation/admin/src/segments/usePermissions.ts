/**
 * The plugin's RBAC actions for the current admin user. Buttons for actions a role lacks are hidden
 * (create, edit, duplicate, delete, export, send); without `personal.read` previews show counts only.
 */
import { useActions } from '../partners/useActions';

const ACTIONS = {
  read: 'plugin::segmentation.segments.read',
  write: 'plugin::segmentation.segments.write',
  export: 'plugin::segmentation.segments.export',
  send: 'plugin::segmentation.campaigns.write',
  personal: 'plugin::segmentation.personal.read',
};

export function usePermissions() {
  const { allowed, isLoading } = useActions(ACTIONS);
  return { canRead: allowed.read, canWrite: allowed.write, canExport: allowed.export, canSend: allowed.send, canSeePersonal: allowed.personal, isLoading };
}
