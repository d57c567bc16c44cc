/**
 * `npm run demo`: on first start, load the deterministic demo data set (about 20,000 holders and
 * 300,000 actions) through the real import service, and create a demo super admin whose login is
 * printed on every start.
 */
import type { Core } from '@strapi/strapi';
import { generateEntity, toNdjsonStream } from './generator';
import { IMPORT_ENTITIES, importStream } from '../imports/service';
import { SENDER_UID } from '../templates/senders';
import { TEMPLATE_UID } from '../templates/service';
import { ensureDemoCampaign } from './campaign';
import { pluginConfig } from '../config';
import { getService } from '../services';

export const DEMO_ADMIN = { email: 'demo@uitpas.local', password: 'Demo-UiTPAS-2026', firstname: 'Demo', lastname: 'Beheerder' };
/** One user per role of the tool, working for UiTPAS Gent (docs/roles.md); the same password as the demo admin. */
export const DEMO_USERS = [
  { email: 'partner@uitpas-gent.local', firstname: 'Petra', lastname: 'Partner', role: 'segmentation-partner-manager', label: 'Partner manager (Gent)' },
  { email: 'redactie@uitpas-gent.local', firstname: 'Ruben', lastname: 'Redacteur', role: 'strapi-editor', label: 'Editor (Gent)' },
  { email: 'kijker@uitpas-gent.local', firstname: 'Kim', lastname: 'Kijker', role: 'segmentation-viewer', label: 'Viewer (Gent)' },
] as const;
export const DEMO_CARD_SYSTEM = 'uitpas-gent';
/** About 20,000 holders and 300,000 actions; DEMO_HOLDERS / DEMO_ACTIONS change it (the browser test uses less). */
export const demoSize = () => ({
  holders: Number(process.env.DEMO_HOLDERS ?? 20_000),
  actions: Number(process.env.DEMO_ACTIONS ?? 300_000),
  seed: 2026,
});

async function ensureDemoAdmin(strapi: Core.Strapi): Promise<void> {
  const users = strapi.service('admin::user');
  if (await strapi.db.query('admin::user').findOne({ where: { email: DEMO_ADMIN.email } })) return;
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  // Dutch is the default language of the partner staff who use the tool.
  await users.create({ ...DEMO_ADMIN, isActive: true, roles: superAdmin ? [superAdmin.id] : [], registrationToken: null, preferedLanguage: 'nl' });
}

async function ensureDemoUsers(strapi: Core.Strapi): Promise<void> {
  for (const u of DEMO_USERS) {
    if (await strapi.db.query('admin::user').findOne({ where: { email: u.email } })) continue;
    const role = await strapi.service('admin::role').findOne({ code: u.role });
    if (!role) continue;
    const user = await strapi.service('admin::user').create({
      email: u.email,
      firstname: u.firstname,
      lastname: u.lastname,
      password: DEMO_ADMIN.password,
      isActive: true,
      roles: [role.id],
      registrationToken: null,
      preferedLanguage: 'nl',
    });
    await getService(strapi, 'access').link('user', user.id, [DEMO_CARD_SYSTEM]);
  }
}

/** An approved sender address and a first template, so the mail editor has something to show. */
async function ensureDemoMail(strapi: Core.Strapi): Promise<void> {
  if ((await strapi.db.query(SENDER_UID).count()) > 0) return;
  const admin = (await strapi.db.query('admin::user').findOne({ where: { email: DEMO_ADMIN.email } })) as { id: number } | null;
  const sender = (await strapi.db.query(SENDER_UID).create({
    data: {
      email: 'nieuws@uitpas-gent.local',
      displayName: 'UiTPAS Gent',
      cardSystem: 'uitpas-gent',
      status: 'approved',
      verifiedAt: new Date(),
      approvedAt: new Date(),
    },
  })) as { documentId: string };
  await strapi.documents(TEMPLATE_UID).create({
    data: {
      name: 'Zomerkampen 2026',
      language: 'nl',
      subject: '{{ firstName | default: "Dag" }}, de zomerkampen zijn er!',
      preheader: 'Met je UiTPAS krijg je korting op meer dan 40 kampen.',
      format: 'house',
      houseStyle: 'uitpas-gent',
      body: 'Dag {{ firstName | default: "UiTPAS-houder" }},\n\nDe zomerkampen van 2026 staan online. Met je UiTPAS betaal je minder, en je spaart er punten mee: je hebt er nu {{ points }}.\n\nTot deze zomer!',
      buttonText: 'Bekijk de kampen',
      buttonUrl: 'https://www.uitinvlaanderen.be/?uitpas={{ uid }}',
      senderName: 'UiTPAS Gent',
      sender: sender.documentId,
      replyTo: 'info@uitpas.local',
      cardSystem: DEMO_CARD_SYSTEM,
      owner: admin?.id,
    },
  });
  // A letter and an SMS (issue 20), for mailings by post or SMS beside e-mail.
  await strapi.documents(TEMPLATE_UID).create({
    data: {
      name: 'Brief: zomerkampen',
      channel: 'letter',
      language: 'nl',
      subject: 'De zomerkampen van 2026',
      houseStyle: 'uitpas-gent',
      body: 'Beste {{ voornaam | default: "UiTPAS-houder" }},\n\nDe zomerkampen van 2026 staan online. Met je UiTPAS betaal je minder, en je spaart er punten mee: je hebt er nu **{{ punten }}**.\n\nTot deze zomer!',
      senderBlock: 'UiTPAS Gent\nBotermarkt 1\n9000 Gent',
      place: 'Gent',
      signature: 'Het UiTPAS-team van Gent',
      cardSystem: DEMO_CARD_SYSTEM,
      owner: admin?.id,
    },
  });
  await strapi.documents(TEMPLATE_UID).create({
    data: {
      name: 'Sms: zomerkampen',
      channel: 'sms',
      language: 'nl',
      text: 'Dag {{ voornaam | default: "UiTPAS-houder" }}, de zomerkampen 2026 staan online: uitpas.be/gent',
      cardSystem: DEMO_CARD_SYSTEM,
      owner: admin?.id,
    },
  });
}

export async function seedDemo(strapi: Core.Strapi): Promise<void> {
  await ensureDemoAdmin(strapi);
  await ensureDemoMail(strapi);
  const knex = strapi.db.connection;
  const row = await knex('seg_holders').count({ n: '*' }).first();
  if (Number(row?.n ?? 0) === 0) {
    const { timeZone } = pluginConfig(strapi);
    const started = Date.now();
    for (const entity of IMPORT_ENTITIES) {
      const result = await importStream(knex, entity, toNdjsonStream(generateEntity(entity, demoSize())), 'ndjson', { timeZone });
      strapi.log.info(`[demo] ${entity}: ${result.inserted} inserted, ${result.rejected.length} rejected`);
    }
    strapi.log.info(`[demo] demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  await ensureDemoUsers(strapi);
  await ensureDemoCampaign(strapi);
  const line = '─'.repeat(72);
  const others = DEMO_USERS.map((u) => `  ${u.label.padEnd(24)}${u.email}`).join('\n');
  console.log(`\n${line}\n  Demo login  ${DEMO_ADMIN.email}  /  ${DEMO_ADMIN.password}  (super admin)\n  Other roles, same password:\n${others}\n${line}\n`);
}
