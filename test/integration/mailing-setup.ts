/**
 * The start of the mailing tests: the app with a real SMTP server, the fixture plus `holders`
 * imported, a super admin, a Leuven partner manager (to show another partner's mailing is not
 * found) and an e-mail template from an approved sender.
 */
import { startApp, type TestApp } from '../helpers/strapi';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { adminClient, superAdminClient, type AdminClient } from '../helpers/admin';
import { approvedSender, importFixture } from './fixture';

export interface MailingSetup {
  smtp: TestSmtp;
  app: TestApp;
  admin: AdminClient;
  leuvenManager: AdminClient;
  /** The e-mail template's documentId. */
  template: string;
}

export async function startMailingApp(holders: object[], templateName: string): Promise<MailingSetup> {
  const smtp = await startSmtp();
  const app = await startApp({ env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) } });
  await importFixture(app, holders);
  const admin = await superAdminClient(app);
  const leuvenManager = await adminClient(app, { email: 'leuven@test.local', role: 'segmentation-partner-manager', cardSystems: ['cs-leuven'] });
  const sender = await approvedSender(app);
  const created = await admin.post('/segmentation/templates', { name: templateName, subject: 'Dag {{ firstName }}', body: 'Hallo', sender });
  if (created.status !== 200) throw new Error(`template: ${JSON.stringify(created.body)}`);
  return { smtp, app, admin, leuvenManager, template: created.body.documentId as string };
}
