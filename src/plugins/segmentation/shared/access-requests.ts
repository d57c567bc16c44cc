/**
 * Access requests and the shared-mailbox rule of sign-in with UiTID (issue 23): the form a person
 * fills in, an administrator's approval or refusal, and what the Toegangsaanvragen page lists.
 */
import { z } from 'zod';

const line = (max: number) => z.string().trim().min(1).max(max);

/** What a person asks access with (the form after their first sign-in). */
export const accessRequestForm = z.strictObject({
  firstname: line(255),
  lastname: line(255),
  organisation: line(255),
  reason: line(2000),
});
export type AccessRequestForm = z.infer<typeof accessRequestForm>;

/** An administrator's approval: the role and the card systems the new admin user gets. */
export const approveBody = z.strictObject({
  roleId: z.number().int().min(1),
  cardSystems: z.array(z.string().min(1).max(255)).max(500),
});

/** An administrator's refusal, with the reason the person is told. */
export const refuseBody = z.strictObject({ reason: line(2000) });

export const ACCESS_REQUEST_STATUSES = ['pending', 'approved', 'refused'] as const;
export type AccessRequestStatus = (typeof ACCESS_REQUEST_STATUSES)[number];

export const listQuery = z.strictObject({ status: z.enum(ACCESS_REQUEST_STATUSES).optional() });

export interface AccessRequestRow {
  id: number;
  email: string;
  firstname: string;
  lastname: string;
  organisation: string;
  reason: string;
  status: AccessRequestStatus;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  refusal: string | null;
  userId: number | null;
}

/** The patterns of a comma- or newline-separated setting, lower case. */
export function parsePatterns(setting: string): string[] {
  return setting
    .split(/[\s,;]+/)
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * The pattern a shared mailbox's address matches, or null for a person's own: `info@` matches the
 * local part (also `info+x@`), `@domain` a whole domain, anything else the whole address.
 */
export function sharedMailboxPattern(email: string, patterns: string[]): string | null {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at).split('+')[0];
  const domain = address.slice(at + 1);
  for (const pattern of patterns) {
    if (pattern.endsWith('@') && local === pattern.slice(0, -1)) return pattern;
    if (pattern.startsWith('@') && domain === pattern.slice(1)) return pattern;
    if (pattern === address) return pattern;
  }
  return null;
}
