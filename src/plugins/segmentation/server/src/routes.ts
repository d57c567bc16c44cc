/**
 * Routes of the plugin.
 * - content-api (prefix /api/segmentation): authenticated with a Strapi API token; a full-access
 *   token may call all of them, custom tokens need the matching plugin action.
 * - admin (prefix /segmentation): the admin panel's pages; each route checks its RBAC actions.
 * Every authenticated route then runs the `scope` policy (the caller's card systems, partners/access.ts)
 * and, for evaluation and export, a per-user rate limit (partners/policies.ts).
 */
import { ACTIONS } from './permissions';
import type { RateLimitBucket } from './config';

const SCOPE = 'plugin::segmentation.scope';
const limit = (bucket: RateLimitBucket) => ({ name: 'plugin::segmentation.rateLimit', config: { bucket } });
/**
 * Which login-protected (admin) routes are rate-limited per user, and in which bucket (limits in the
 * plugin config `rateLimits`). Content-API tokens are machine integrations and are not limited.
 */
const LIMITED: Record<string, RateLimitBucket> = {
  'builder.count': 'evaluate',
  'builder.preview': 'evaluate',
  'builder.savedPreview': 'evaluate',
  'segments.export': 'export',
  'segments.savedExport': 'export',
  'stats.people': 'export',
  'downloads.segment': 'export',
  'downloads.people': 'export',
  'downloads.audience': 'export',
  'postDownloads.letters': 'export',
  'postDownloads.labels': 'export',
  'postDownloads.merge': 'export',
  'templates.previewLetter': 'preview',
  'templates.preview': 'preview', // test mails: their own per-user limit (testMailsPer10Minutes, templates/service.ts)
};
const extra = (handler: string) => (LIMITED[handler] ? [limit(LIMITED[handler]!)] : []);

const route = (method: string, path: string, handler: string) => ({ method, path, handler, config: { policies: [SCOPE] } });

/** A public route: the signed token in the link is the authorisation. */
const open = (method: string, path: string, handler: string) => ({ method, path, handler, config: { auth: false, policies: [] } });

/** An admin-panel route: a logged-in admin user holding every one of the actions (none: any admin user). */
const admin = (method: string, path: string, handler: string, actions: string | string[]) => ({
  method,
  path,
  handler,
  config: {
    policies: [
      'admin::isAuthenticatedAdmin',
      ...([actions].flat().length ? [{ name: 'admin::hasPermissions', config: { actions: [actions].flat() } }] : []),
      SCOPE,
      ...extra(handler),
    ],
  },
});

export default {
  'content-api': {
    type: 'content-api',
    routes: [
      route('POST', '/import/:entity', 'import.import'),
      route('POST', '/preview', 'segments.preview'),
      route('POST', '/export', 'segments.export'),
      route('GET', '/segments/:documentId/preview', 'segments.savedPreview'),
      route('GET', '/segments/:documentId/export', 'segments.savedExport'),
      route('POST', '/audiences/preview', 'audiences.preview'),
      route('POST', '/audiences/export', 'audiences.export'),
      route('POST', '/audiences/lists', 'audiences.uploadList'),
      route('GET', '/holders/:uid/history', 'holders.history'),
      route('GET', '/events/:key/messages', 'eventMessages.list'),
      route('POST', '/events/:key/messages', 'eventMessages.create'),
      route('GET', '/events/:key/messages/:id', 'eventMessages.findOne'),
      route('PUT', '/events/:key/messages/:id', 'eventMessages.update'),
      route('DELETE', '/events/:key/messages/:id', 'eventMessages.cancel'),
      route('GET', '/events/:key/messages/:id/history', 'eventMessages.history'),
      open('GET', '/senders/verify', 'tracking.verifySender'),
      open('GET', '/unsubscribe/:token', 'tracking.unsubscribePage'),
      open('POST', '/unsubscribe/:token', 'tracking.unsubscribe'),
      open('GET', '/t/o/:token', 'tracking.open'),
      open('GET', '/t/c/:token', 'tracking.click'),
      open('POST', '/webhooks/mail-events', 'tracking.webhook'),
      open('POST', '/sms/callback', 'sms.callback'),
      open('POST', '/bounces/ses', 'bounces.ses'),
      open('POST', '/bounces/sendgrid', 'bounces.sendgrid'),
      open('POST', '/bounces/postmark', 'bounces.postmark'),
      open('POST', '/bounces/mailgun', 'bounces.mailgun'),
      // Sign-in with UiTID (issue 23, sso/): the login page's button and the issuer's callback.
      open('GET', '/uitid/status', 'sso.status'),
      open('GET', '/uitid/login', 'sso.start'),
      open('GET', '/uitid/callback', 'sso.callback'),
      open('POST', '/uitid/request', 'sso.request'),
    ],
  },
  admin: {
    type: 'admin',
    routes: [
      admin('GET', '/segments', 'builder.list', ACTIONS.read),
      admin('GET', '/segments/:documentId', 'builder.findOne', ACTIONS.read),
      admin('POST', '/segments', 'builder.create', ACTIONS.write),
      admin('PUT', '/segments/:documentId', 'builder.update', ACTIONS.write),
      admin('POST', '/segments/:documentId/duplicate', 'builder.duplicate', ACTIONS.write),
      admin('DELETE', '/segments/:documentId', 'builder.remove', ACTIONS.write),
      admin('GET', '/segments/:documentId/preview', 'builder.savedPreview', ACTIONS.read),
      admin('POST', '/count', 'builder.count', ACTIONS.read),
      admin('POST', '/preview', 'builder.preview', [ACTIONS.read, ACTIONS.personal]),
      admin('POST', '/export', 'segments.export', ACTIONS.export),
      admin('GET', '/segments/:documentId/export', 'segments.savedExport', ACTIONS.export),
      admin('GET', '/reference/:kind', 'reference.search', ACTIONS.read),
      admin('POST', '/reference/:kind/names', 'reference.names', ACTIONS.read),
      admin('GET', '/postcodes/unreadable', 'reference.unreadablePostcodes', ACTIONS.read),
      admin('GET', '/templates', 'templates.list', ACTIONS.templatesRead),
      admin('POST', '/templates/preview', 'templates.preview', [ACTIONS.templatesRead, ACTIONS.personal]),
      admin('POST', '/templates/test', 'templates.test', [ACTIONS.templatesTest, ACTIONS.personal]),
      admin('POST', '/templates/preview-letter', 'templates.previewLetter', [ACTIONS.templatesRead, ACTIONS.personal]),
      admin('POST', '/templates/test-sms', 'templates.testSms', [ACTIONS.templatesTest, ACTIONS.personal]),
      admin('GET', '/templates/:documentId', 'templates.findOne', ACTIONS.templatesRead),
      admin('POST', '/templates', 'templates.create', ACTIONS.templatesWrite),
      admin('PUT', '/templates/:documentId', 'templates.update', ACTIONS.templatesWrite),
      admin('POST', '/templates/:documentId/duplicate', 'templates.duplicate', ACTIONS.templatesWrite),
      admin('DELETE', '/templates/:documentId', 'templates.remove', ACTIONS.templatesWrite),
      admin('GET', '/house-styles', 'templates.houseStyles', ACTIONS.templatesRead),
      admin('GET', '/senders', 'templates.senders', ACTIONS.templatesRead),
      admin('POST', '/senders', 'templates.requestSender', ACTIONS.templatesWrite),
      admin('POST', '/senders/:documentId/verification', 'templates.resendVerification', ACTIONS.templatesWrite),
      admin('POST', '/senders/:documentId/approve', 'templates.approveSender', ACTIONS.sendersManage),
      admin('POST', '/senders/:documentId/reject', 'templates.rejectSender', ACTIONS.sendersManage),
      admin('GET', '/events', 'eventMessages.events', ACTIONS.campaignsRead),
      admin('GET', '/events/:key', 'eventMessages.event', ACTIONS.campaignsRead),
      admin('GET', '/events/:key/messages', 'eventMessages.list', ACTIONS.campaignsRead),
      admin('POST', '/events/:key/messages', 'eventMessages.create', [ACTIONS.campaignsWrite, ACTIONS.campaignsSend]),
      admin('POST', '/events/:key/messages/count', 'eventMessages.count', ACTIONS.campaignsRead),
      admin('POST', '/events/:key/messages/preview', 'eventMessages.preview', [ACTIONS.campaignsRead, ACTIONS.personal]),
      admin('POST', '/events/:key/messages/test', 'eventMessages.test', [ACTIONS.templatesTest, ACTIONS.personal]),
      admin('GET', '/events/:key/messages/:id', 'eventMessages.findOne', ACTIONS.campaignsRead),
      admin('PUT', '/events/:key/messages/:id', 'eventMessages.update', [ACTIONS.campaignsWrite, ACTIONS.campaignsSend]),
      admin('DELETE', '/events/:key/messages/:id', 'eventMessages.cancel', ACTIONS.campaignsSend),
      admin('POST', '/events/:key/messages/:id/cancel', 'eventMessages.cancel', ACTIONS.campaignsSend),
      admin('GET', '/events/:key/messages/:id/history', 'eventMessages.history', ACTIONS.campaignsRead),
      admin('GET', '/campaigns', 'campaigns.list', ACTIONS.campaignsRead),
      admin('GET', '/campaigns/subject', 'campaigns.subject', ACTIONS.campaignsRead),
      admin('GET', '/campaigns/:documentId', 'campaigns.findOne', ACTIONS.campaignsRead),
      admin('POST', '/campaigns', 'campaigns.create', ACTIONS.campaignsWrite),
      admin('PUT', '/campaigns/:documentId', 'campaigns.update', ACTIONS.campaignsWrite),
      admin('GET', '/campaigns/:documentId/confirmation', 'campaigns.confirmation', ACTIONS.campaignsSend),
      admin('PUT', '/campaigns/:documentId/recently-mailed', 'campaigns.leaveOutRecent', ACTIONS.campaignsSend),
      admin('POST', '/campaigns/:documentId/send', 'campaigns.send', ACTIONS.campaignsSend),
      admin('POST', '/campaigns/:documentId/pause', 'campaigns.pause', ACTIONS.campaignsSend),
      admin('POST', '/campaigns/:documentId/resume', 'campaigns.resume', ACTIONS.campaignsSend),
      admin('POST', '/campaigns/:documentId/cancel', 'campaigns.cancel', ACTIONS.campaignsSend),
      admin('GET', '/campaigns/:documentId/progress', 'campaigns.progress', ACTIONS.campaignsRead),
      admin('GET', '/campaigns/:documentId/audience', 'mailingAudiences.get', ACTIONS.campaignsRead),
      admin('PUT', '/campaigns/:documentId/audience', 'mailingAudiences.setSteps', ACTIONS.campaignsWrite),
      admin('POST', '/campaigns/:documentId/audience/generate', 'mailingAudiences.generate', ACTIONS.campaignsWrite),
      admin('GET', '/campaigns/:documentId/audience/members', 'mailingAudiences.members', [ACTIONS.campaignsRead, ACTIONS.personal]),
      admin('POST', '/campaigns/:documentId/audience/manual', 'mailingAudiences.adjust', ACTIONS.campaignsWrite),
      admin('POST', '/campaigns/:documentId/audience/channels', 'mailingAudiences.changeChannel', ACTIONS.campaignsWrite),
      admin('POST', '/campaigns/:documentId/send-now', 'mailingAudiences.sendNow', ACTIONS.campaignsSend),
      admin('POST', '/campaigns/:documentId/done', 'mailingAudiences.markDone', ACTIONS.campaignsSend),
      admin('GET', '/campaigns/:documentId/stats', 'stats.stats', ACTIONS.campaignsRead),
      admin('GET', '/campaigns/:documentId/people', 'stats.people', ACTIONS.export),
      // Who opened, clicked, bounced, complained, unsubscribed, on screen: personal data, like the preview lists.
      admin('GET', '/campaigns/:documentId/stats/people', 'stats.peopleList', [ACTIONS.campaignsRead, ACTIONS.personal]),
      // The admin's downloads: XLSX, or CSV with ; and a BOM, in the UI's language (downloads/).
      admin('GET', '/downloads/segments/:documentId', 'downloads.segment', ACTIONS.export),
      admin('GET', '/downloads/campaigns/:documentId/people', 'downloads.people', ACTIONS.export),
      admin('GET', '/downloads/campaigns/:documentId/audience', 'downloads.audience', ACTIONS.export),
      admin('GET', '/downloads/campaigns/:documentId/letters', 'postDownloads.letters', [ACTIONS.export, ACTIONS.personal]),
      admin('GET', '/downloads/campaigns/:documentId/labels', 'postDownloads.labels', [ACTIONS.export, ACTIONS.personal]),
      admin('GET', '/downloads/campaigns/:documentId/merge', 'postDownloads.merge', [ACTIONS.export, ACTIONS.personal]),
      admin('POST', '/campaigns/:documentId/conversion', 'stats.conversion', ACTIONS.campaignsRead),
      admin('GET', '/holders', 'holders.search', [ACTIONS.read, ACTIONS.personal]),
      admin('POST', '/audiences/lists', 'audiences.uploadList', ACTIONS.campaignsWrite),
      admin('GET', '/holders/:uid', 'holders.profile', [ACTIONS.read, ACTIONS.personal]),
      admin('GET', '/holders/:uid/history', 'holders.history', [ACTIONS.read, ACTIONS.personal]),
      admin('GET', '/me', 'partners.me', []),
      admin('GET', '/help', 'partners.help', []),
      admin('GET', '/access', 'partners.overview', ACTIONS.accessManage),
      admin('PUT', '/access/users/:id', 'partners.linkUser', ACTIONS.accessManage),
      admin('PUT', '/access/tokens/:id', 'partners.linkToken', ACTIONS.accessManage),
      admin('GET', '/audit', 'partners.audit', ACTIONS.auditRead),
      admin('GET', '/bounces', 'bounceAdmin.list', [ACTIONS.campaignsRead, ACTIONS.personal]),
      admin('GET', '/bounces/:id', 'bounceAdmin.find', [ACTIONS.campaignsRead, ACTIONS.personal]),
      admin('POST', '/suppressions/lift', 'bounceAdmin.lift', ACTIONS.accessManage),
      // Access requests of UiTID sign-in (issue 23): Settings → UiTPAS → Toegangsaanvragen.
      admin('GET', '/access-requests', 'ssoAdmin.list', ACTIONS.accessManage),
      admin('POST', '/access-requests/:id/approve', 'ssoAdmin.approve', ACTIONS.accessManage),
      admin('POST', '/access-requests/:id/refuse', 'ssoAdmin.refuse', ACTIONS.accessManage),
    ],
  },
};
