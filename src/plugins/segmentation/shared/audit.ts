/** What the audit log records (server/src/partners/audit.ts writes it, the admin's audit page reads it). */
export const AUDIT_ACTIONS = [
  'segment.export',
  'segment.preview',
  'campaign.export',
  'campaign.send',
  'campaign.cancel',
  'sender.approve',
  'sender.reject',
  'access.link',
  'data.import',
  'sms.stop',
  'campaign.letters',
  'suppression.lift',
  'access.request',
  'access.approve',
  'access.refuse',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
