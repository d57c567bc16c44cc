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
import { errors } from '@strapi/utils';
import { getService } from '../services';
import { templateInputOf } from './snapshot';

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

/**
 * The subject of a template the caller may see, or of the template of a mailing the caller may see
 * (a partner's mailing may use a template filed elsewhere), as the sample holder reads it; 404 otherwise.
 */
export async function subjectSample(strapi: Core.Strapi, of: { template?: string; campaign?: string }, scope: Scope): Promise<SubjectSample> {
  const templates = getService(strapi, 'templates');
  let input: unknown;
  if (of.campaign) {
    const campaign = await getService(strapi, 'campaigns').load(of.campaign, scope);
    if (!campaign.template || (of.template && campaign.template.documentId !== of.template)) throw new errors.NotFoundError('Template not found');
    input = templateInputOf(campaign.template);
  } else input = (await templates.findOne(of.template ?? '', scope)).input;
  const holder = `${SAMPLE_HOLDER.firstName} ${SAMPLE_HOLDER.lastName}`;
  const subject = String((input as { subject?: unknown }).subject ?? '');
  try {
    const { content } = await templates.content(templates.parse(input));
    const compiled = await templates.compile(content);
    const mail = await inRenderLane(() => templates.render(compiled, content, SAMPLE_HOLDER));
    return { subject, sample: mail.subject, holder };
  } catch {
    return { subject, sample: null, holder };
  }
}
