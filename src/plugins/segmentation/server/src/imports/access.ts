/**
 * Who may import, and what the audit log keeps of an import (issue 16). Imports are the pass
 * system's feed: they write every partner's holders, so only an API token without card systems
 * (scope null, partners/access.ts) may call them; a token bound to card systems is refused before
 * the body is read. The command line import (scripts/import.ts) calls the service directly.
 */
import type { Core } from '@strapi/strapi';
import { outOfScope, type Scope } from '../common/scope';
import type { ImportEntity, ImportProgress } from './service';
import { getService } from '../services';

/** Throws the 403 unless the caller may import (a token not bound to card systems). */
export function assertMayImport(scope: Scope): void {
  if (scope === null) return;
  const bound = scope.length ? `: this one is bound to ${scope.join(', ')}` : '';
  throw outOfScope(`Imports need an API token that is not bound to card systems${bound}`, [
    { path: ['Authorization'], message: 'Use an API token without card systems (Settings → UiTPAS → Partners) to import' },
  ]);
}

/**
 * The audit entry of an import that ran (with rejected lines or not), or that broke off after some
 * batches were stored (`failure`): who (the current actor), which entity, the counts.
 */
export async function auditImport(strapi: Core.Strapi, entity: ImportEntity, counts: ImportProgress, failure?: string): Promise<void> {
  await getService(strapi, 'audit').record({
    action: 'data.import',
    subject: { type: 'entity', id: entity, label: entity },
    rows: counts.inserted + counts.updated,
    details: { received: counts.lines, inserted: counts.inserted, updated: counts.updated, rejected: counts.rejected, ...(failure ? { failed: failure } : {}) },
  });
}
