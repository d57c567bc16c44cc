/**
 * The roles of the tool, seeded on first start (docs/roles.md). Built on Strapi's admin RBAC: each
 * role is an admin role holding plugin actions (../permissions.ts). Seeded once — a marker in
 * seg_meta — so an administrator's later changes to a role are kept.
 * - Administrator: everything, approves senders, links users to card systems, sees all partners.
 * - Partner manager: segments, templates, campaigns, export, send, for their own card system(s).
 * - Editor (Strapi's own Editor role, extended): templates and media; no export, no send.
 * - Viewer: read-only counts; no personal data.
 */
import type { Core } from '@strapi/strapi';
import { ACTIONS } from '../permissions';
import { pluginConfig } from '../config';
import { ADMINISTRATOR_CODE } from './access';

const A = ACTIONS;
const MEDIA = [
  'plugin::upload.read',
  'plugin::upload.configure-view',
  'plugin::upload.assets.create',
  'plugin::upload.assets.update',
  'plugin::upload.assets.download',
  'plugin::upload.assets.copy-link',
];
const USERS_AND_ROLES = [
  'admin::users.create',
  'admin::users.read',
  'admin::users.update',
  'admin::users.delete',
  'admin::roles.create',
  'admin::roles.read',
  'admin::roles.update',
  'admin::roles.delete',
  'admin::api-tokens.access',
  'admin::api-tokens.create',
  'admin::api-tokens.read',
  'admin::api-tokens.update',
  'admin::api-tokens.regenerate',
  'admin::api-tokens.delete',
];

export const ROLES = [
  {
    code: ADMINISTRATOR_CODE,
    name: 'Administrator',
    description: 'Everything in the mailing tool, for every partner: approves sender addresses, links users to card systems, reads the audit log.',
    actions: [...Object.values(A), ...MEDIA, ...USERS_AND_ROLES],
  },
  {
    code: 'segmentation-partner-manager',
    name: 'Partner manager',
    description: "Segments, templates, campaigns, export and send, for the user's own card system(s).",
    actions: [
      A.read,
      A.write,
      A.export,
      A.personal,
      A.templatesRead,
      A.templatesWrite,
      A.templatesTest,
      A.campaignsRead,
      A.campaignsWrite,
      A.campaignsSend,
      ...MEDIA,
    ],
  },
  {
    code: 'strapi-editor',
    name: 'Editor',
    description: 'Mail templates and media; no export, no send.',
    actions: [A.read, A.personal, A.templatesRead, A.templatesWrite, A.templatesTest, A.campaignsRead, ...MEDIA],
  },
  {
    code: 'segmentation-viewer',
    name: 'Viewer',
    description: 'Read-only: segments and their counts, templates, campaign statistics; no personal data.',
    actions: [A.read, A.templatesRead, A.campaignsRead],
  },
] as const;

const MARKER = 'roles_seeded';

type Permission = { action: string; subject: string | null; properties: unknown; conditions: unknown };
/** What the tool uses of Strapi's admin role service (Strapi types its services as a plain record). */
interface AdminRoles {
  findOne(where: { code: string }): Promise<{ id: number } | null>;
  create(data: { name: string; code: string; description: string }): Promise<{ id: number }>;
  update(where: { id: number }, data: { description: string }): Promise<unknown>;
  assignPermissions(roleId: number, permissions: Permission[]): Promise<unknown>;
}

export async function seedRoles(strapi: Core.Strapi): Promise<void> {
  const knex = strapi.db.connection;
  if (await knex('seg_meta').where({ key: MARKER }).first()) return;
  const roles = strapi.service('admin::role') as AdminRoles;
  const provider = strapi.service('admin::permission').actionProvider as { has(id: string): boolean };
  for (const def of ROLES) {
    let role = await roles.findOne({ code: def.code });
    if (!role) role = await roles.create({ name: def.name, code: def.code, description: def.description });
    else await roles.update({ id: role.id }, { description: def.description });
    const existing = ((await strapi.db.query('admin::permission').findMany({ where: { role: role.id } })) as Permission[])
      // Strapi's Editor may edit every content type in the Content Manager; the tool's own types are edited through its pages only (scoped there).
      .filter((p) => !(p.subject ?? '').startsWith('plugin::segmentation.'))
      .map(({ action, subject, properties, conditions }) => ({ action, subject, properties, conditions }));
    const have = new Set(existing.map((p) => p.action));
    const added = def.actions.filter((a) => provider.has(a) && !have.has(a)).map((action) => ({ action, subject: null, properties: {}, conditions: [] }));
    await roles.assignPermissions(role.id, [...existing, ...added]);
  }
  await knex('seg_meta').insert({ key: MARKER, value: 1 });
}

/**
 * The tool has no public users: Strapi's users-permissions sign-up (`POST /api/auth/local/register`)
 * is switched off at every start unless the plugin config `publicRegistration` (env
 * PUBLIC_REGISTRATION=true) allows it. Set at start rather than once, so a deployment's setting wins.
 */
export async function closePublicRegistration(strapi: Core.Strapi): Promise<void> {
  if (pluginConfig(strapi).publicRegistration) return;
  const store = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
  const advanced = (await store.get()) as Record<string, unknown> | null;
  if (advanced && advanced.allow_register !== false) await store.set({ value: { ...advanced, allow_register: false } });
}
