/**
 * Preview lists in the admin panel hand out personal data a page at a time, so they are held to the
 * same rules as exports (a list could otherwise be paged through whole):
 * - a list shows at most the first PREVIEW_ROWS holders of an audience (in uid order); the rest is
 *   for an export, which needs its own right;
 * - a page after the first takes one unit of the caller's export budget (rateLimits.export);
 * - every list that shows people is in the audit log (`segment.preview`, with its row count).
 * The content API keeps its contract (pageSize up to 500, any page): tokens are integrations an
 * administrator controls.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { takeFromBudget } from '../partners/policies';
import { getService } from '../services';

/** The first this many holders of an audience can be listed in the admin panel. */
export const PREVIEW_ROWS = 500;
/** The largest admin preview page. */
export const PREVIEW_PAGE_SIZE = 100;

/** Refuses a page beyond the listable rows (400, path `page`/`pageSize`) and charges pages after the first. */
export function guardPreviewPage(strapi: Core.Strapi, ctx: Context, page: number, pageSize: number): void {
  if (pageSize > PREVIEW_PAGE_SIZE) {
    const message = `A preview page holds at most ${PREVIEW_PAGE_SIZE} people`;
    throw new errors.ValidationError(message, { errors: [{ path: ['pageSize'], message, name: 'ValidationError' }] });
  }
  if ((page - 1) * pageSize >= PREVIEW_ROWS) {
    const message = `The preview lists the first ${PREVIEW_ROWS} people; export the segment to see everyone`;
    throw new errors.ValidationError(message, { errors: [{ path: ['page'], message, name: 'ValidationError' }] });
  }
  if (page > 1) takeFromBudget(strapi, ctx, 'export');
}

/** Cuts a page at the listable rows and records who saw how many people of what. */
export async function disclosePage<T extends { items: unknown[]; page: number; pageSize: number }>(
  strapi: Core.Strapi,
  result: T,
  subject: { type: string; id: string; label?: string | null },
): Promise<T & { previewRows: number }> {
  const room = Math.max(0, PREVIEW_ROWS - (result.page - 1) * result.pageSize);
  const items = result.items.slice(0, room);
  if (items.length) {
    await getService(strapi, 'audit').record({
      action: 'segment.preview',
      subject,
      rows: items.length,
      details: { page: result.page, pageSize: result.pageSize },
    });
  }
  return { ...result, items, previewRows: PREVIEW_ROWS };
}
