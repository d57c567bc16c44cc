/**
 * The subject of a mailing as a holder reads it: the template's subject rendered with Liquid by the
 * templates service (the same compile and render as a send) for a made-up sample holder, so the
 * mailing pages never show raw `{{ … }}` code and no real holder's data is shown to whoever looks.
 */
import type { Core } from '@strapi/strapi';
import type { Recipient } from '../templates/render';
import { inRenderLane } from '../templates/lane';
import { SAMPLE_VARIABLES } from '../templates/personalise';
import type { Scope } from '../common/scope';
import { getService } from '../services';

const SAMPLE = SAMPLE_VARIABLES[0]!;
/** The sample holder (An Peeters, 12 points): the templates service's first made-up holder. */
export const SAMPLE_HOLDER: Recipient = {
  uid: String(SAMPLE.uid),
  firstName: SAMPLE.firstName as string,
  lastName: SAMPLE.lastName as string,
  email: SAMPLE.email as string,
  points: Number(SAMPLE.points),
  language: SAMPLE.language as string,
  cardSystem: { key: 'sample', name: String(SAMPLE.cardSystem) },
};

export interface SubjectSample {
  /** As written in the template. */
  subject: string;
  /** As the sample holder reads it; null when the template cannot be rendered (it says why on its own page). */
  sample: string | null;
  holder: string;
}

/** The subject of a template the caller may see (404 otherwise), as the sample holder reads it. */
export async function subjectSample(strapi: Core.Strapi, templateDocumentId: string, scope: Scope): Promise<SubjectSample> {
  const templates = getService(strapi, 'templates');
  const doc = await templates.findOne(templateDocumentId, scope);
  const holder = `${SAMPLE_HOLDER.firstName} ${SAMPLE_HOLDER.lastName}`;
  const subject = String((doc.input as { subject?: unknown }).subject ?? '');
  try {
    const { content } = await templates.content(templates.parse(doc.input));
    const compiled = await templates.compile(content);
    const mail = await inRenderLane(() => templates.render(compiled, content, SAMPLE_HOLDER));
    return { subject, sample: mail.subject, holder };
  } catch {
    return { subject, sample: null, holder };
  }
}
