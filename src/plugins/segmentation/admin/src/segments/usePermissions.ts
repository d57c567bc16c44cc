/**
 * The plugin's RBAC actions for the current admin user. Buttons for actions a role lacks are hidden
 * (create, edit, duplicate, delete, export, send); without `personal.read` previews show counts only.
 */
import { usePermissionsOf } from '../partners/useActions';

const ACTIONS = {
  canRead: 'plugin::segmentation.segments.read',
  canWrite: 'plugin::segmentation.segments.write',
  canExport: 'plugin::segmentation.segments.export',
  canSend: 'plugin::segmentation.campaigns.write',
  canSeePersonal: 'plugin::segmentation.personal.read',
};

export const usePermissions = () => usePermissionsOf(ACTIONS);
