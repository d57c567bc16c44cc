/**
 * Plugin actions registered with Strapi's admin RBAC (Settings → Roles). Routes check them with
 * `admin::hasPermissions`; the admin panel disables what a role may not do.
 * Export is its own action because it hands out personal data; `personal.read` guards preview lists
 * and personalised previews (a Viewer sees counts only).
 */
import type { Core } from '@strapi/strapi';

export const ACTIONS = {
  read: 'plugin::segmentation.segments.read',
  write: 'plugin::segmentation.segments.write',
  export: 'plugin::segmentation.segments.export',
  templatesRead: 'plugin::segmentation.templates.read',
  templatesWrite: 'plugin::segmentation.templates.write',
  templatesTest: 'plugin::segmentation.templates.test',
  sendersManage: 'plugin::segmentation.senders.manage',
  campaignsRead: 'plugin::segmentation.campaigns.read',
  campaignsWrite: 'plugin::segmentation.campaigns.write',
  campaignsSend: 'plugin::segmentation.campaigns.send',
  personal: 'plugin::segmentation.personal.read',
  auditRead: 'plugin::segmentation.audit.read',
  accessManage: 'plugin::segmentation.access.manage',
} as const;

export async function registerPermissions(strapi: Core.Strapi): Promise<void> {
  await strapi.service('admin::permission').actionProvider.registerMany([
    { section: 'plugins', displayName: 'Read segments and counts', uid: 'segments.read', pluginName: 'segmentation' },
    { section: 'plugins', displayName: 'Create, edit and delete segments', uid: 'segments.write', pluginName: 'segmentation' },
    { section: 'plugins', displayName: 'Export segments (personal data)', uid: 'segments.export', pluginName: 'segmentation' },
    { section: 'plugins', displayName: 'Read mail templates and preview them', uid: 'templates.read', pluginName: 'segmentation' },
    { section: 'plugins', displayName: 'Create, edit and delete mail templates; request sender addresses', uid: 'templates.write', pluginName: 'segmentation' },
    { section: 'plugins', displayName: 'Send test mails', uid: 'templates.test', pluginName: 'segmentation' },
    { section: 'plugins', displayName: 'Manage senders (approve sender addresses)', uid: 'senders.manage', pluginName: 'segmentation' },
    { section: 'plugins', displayName: 'Read campaigns and their statistics', uid: 'campaigns.read', pluginName: 'segmentation' },
    { section: 'plugins', displayName: 'Create and edit campaigns', uid: 'campaigns.write', pluginName: 'segmentation' },
    { section: 'plugins', displayName: 'Send, pause, resume and cancel campaigns', uid: 'campaigns.send', pluginName: 'segmentation' },
    {
      section: 'plugins',
      displayName: 'See personal data of pass holders (preview lists, personalised previews)',
      uid: 'personal.read',
      pluginName: 'segmentation',
    },
    { section: 'plugins', displayName: 'Read the audit log', uid: 'audit.read', pluginName: 'segmentation' },
    { section: 'plugins', displayName: 'Link users and API tokens to card systems', uid: 'access.manage', pluginName: 'segmentation' },
  ]);
}
