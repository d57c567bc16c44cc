/**
 * The campaign RBAC actions of the current admin user (buttons are disabled, not hidden).
 * Strapi's useRBAC names each answer after the last part of the action (`campaigns.send` → canSend),
 * so no two actions here may end alike.
 */
import { useRBAC } from '@strapi/strapi/admin';

const PERMISSIONS = [
  { action: 'plugin::segmentation.campaigns.read', subject: null },
  { action: 'plugin::segmentation.campaigns.write', subject: null },
  { action: 'plugin::segmentation.campaigns.send', subject: null },
  // The per-person list holds personal data: the same action as a segment export.
  { action: 'plugin::segmentation.segments.export', subject: null },
];

export function useCampaignPermissions() {
  const { allowedActions, isLoading } = useRBAC(PERMISSIONS);
  return {
    canRead: Boolean(allowedActions.canRead),
    canWrite: Boolean(allowedActions.canWrite),
    canSend: Boolean(allowedActions.canSend),
    canExport: Boolean(allowedActions.canExport),
    isLoading,
  };
}
