/**
 * Mail templates: validation (the shared input schema, the Liquid and HTML rules of checks.ts, an
 * approved sender), compilation cached per template version, personalisation for a real holder
 * (by UID or a random one of a segment, always within the caller's scope) and test mails.
 */
import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isEmailAddress, templateInputSchema, type TemplateInput } from '../../../shared/template';
import { problemsOf } from '../segments/requests';
import { describeProblems, validationError, type Problem } from '../common/errors';
import { publicUrlOf, secretOf } from '../common/secret';
import { SlidingWindow } from '../common/rate-limit';
import { pluginConfig } from '../config';
import { scopeWithin, type Scope } from '../common/scope';
import { signToken } from '../tracking/tokens';
import { checkTemplate, templateWarnings, type Warning } from './checks';
import { MAIL_WIDTH } from './layout';
import { compileTemplate, type CompiledTemplate, type Recipient, type RenderedMail, type TemplateContent } from './render';
import { TOO_MUCH_WORK, WorkLimitError } from './personalise';
import { inRenderLane } from './lane';
import { subjectAsItReads, subjectFor } from './subject';
import { recipientById, recipientByUid, randomHolderId } from './queries';
import { sendMail } from './mailer';
import { loadAttachments } from './attachments';
import { TEMPLATE_UID, templateRecords } from './records';
import { getService } from '../services';

export { TEMPLATE_UID };

interface ImageFile {
  id: number;
  url: string;
  width: number | null;
  height: number | null;
  mime: string;
  formats?: Record<string, { url: string; width: number }> | null;
}

export interface Personalise {
  uid?: string;
  segment?: string;
}

export interface Preview {
  recipient: Recipient & { chosen: 'uid' | 'random' };
  mail: RenderedMail;
  warnings: Warning[];
}

type SchemaIssue = { path: PropertyKey[]; code: string; maximum?: unknown; format?: string };

/** A code for the schema's problems the editor can cause (required, too long, not an e-mail address), keyed by path. */
function schemaCodes(issues: readonly SchemaIssue[]): Map<string, Pick<Problem, 'code' | 'params'>> {
  const codes = new Map<string, Pick<Problem, 'code' | 'params'>>();
  for (const issue of issues) {
    const key = JSON.stringify(issue.path.map(String));
    if (issue.code === 'too_small') codes.set(key, { code: 'template.required' });
    else if (issue.code === 'too_big' && typeof issue.maximum === 'number') codes.set(key, { code: 'template.tooLong', params: { max: issue.maximum } });
    else if (issue.code === 'invalid_format' && issue.format === 'email') codes.set(key, { code: 'template.email' });
  }
  return codes;
}

const COMPILED_CACHE = 50;
const TEST_WINDOW_MS = 10 * 60_000;

/** A template version: the hash of its content (same content, same compiled mail). */
export const templateVersion = (content: TemplateContent): string => createHash('sha1').update(JSON.stringify(content)).digest('hex');

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const compiled = new Map<string, Promise<CompiledTemplate>>();
  const limits = new SlidingWindow(pluginConfig(strapi).testMailsPer10Minutes, TEST_WINDOW_MS);
  const knex = () => strapi.db.connection;
  const senders = () => getService(strapi, 'senders');

  const imageOf = async (id: number | null | undefined): Promise<ImageFile | null> =>
    id ? ((await strapi.db.query('plugin::upload.file').findOne({ where: { id } })) as ImageFile | null) : null;

  const absolute = (url: string) => (/^https?:\/\//.test(url) ? url : `${publicUrlOf(strapi)}${url}`);

  const service = {
    ...templateRecords(strapi),

    /** Parses an editor's input with the shared schema (400 with the path of each problem). */
    parse(input: unknown): TemplateInput {
      const parsed = templateInputSchema.safeParse(input ?? {});
      if (parsed.success) return parsed.data;
      const codes = schemaCodes(parsed.error.issues as readonly SchemaIssue[]);
      const problems = problemsOf(parsed.error).map((p) => ({ ...p, ...codes.get(JSON.stringify(p.path.map(String))) }));
      throw validationError(`Invalid template: ${describeProblems(problems)}`, problems);
    },

    /** What the renderer needs; the header image is Strapi's 680 px format when the upload is wider. */
    async content(t: TemplateInput): Promise<{ content: TemplateContent; image: ImageFile | null }> {
      const image = await imageOf(t.image);
      const url = image ? absolute(image.formats?.mail?.url ?? image.url) : null;
      const style = t.channel === 'sms' ? undefined : await getService(strapi, 'houseStyles').resolve(t.houseStyle);
      const content: TemplateContent = { ...t, imageUrl: url, language: t.language ?? 'nl', format: t.format ?? 'house', ...(style ? { style } : {}) };
      return { content, image };
    },

    /** Every reason the template cannot be saved. */
    async problems(t: TemplateInput): Promise<Problem[]> {
      const { content, image } = await service.content(t);
      const problems = await inRenderLane(() => checkTemplate(content));
      if (t.image && !image) problems.push({ path: ['image'], message: 'This file is not in the Media Library', code: 'template.imageMissing' });
      else if (image && !['image/jpeg', 'image/png'].includes(image.mime))
        problems.push({ path: ['image'], message: 'The header image must be a JPG or PNG', code: 'template.imageType' });
      problems.push(...(await service.attachmentProblems(t.attachments ?? [])));
      if (t.sender && !(await senders().approved(t.sender))) {
        problems.push({ path: ['sender'], message: 'Only an approved sender address can be used', code: 'template.senderNotApproved' });
      }
      return problems;
    },

    /** Each attachment must be a PDF or an image of the Media Library, within the size limit. */
    async attachmentProblems(ids: number[]): Promise<Problem[]> {
      const maxMb = pluginConfig(strapi).attachmentMaxMegabytes;
      const problems: Problem[] = [];
      for (const [j, id] of ids.entries()) {
        const file = (await strapi.db.query('plugin::upload.file').findOne({ where: { id } })) as { mime: string; size: number; name: string } | null;
        if (!file) problems.push({ path: ['attachments', j], message: 'This file is not in the Media Library', code: 'template.attachmentMissing' });
        else if (file.mime !== 'application/pdf' && !file.mime.startsWith('image/'))
          problems.push({
            path: ['attachments', j],
            message: `'${file.name}' is no PDF or image`,
            code: 'template.attachmentType',
            params: { name: file.name },
          });
        // Strapi stores the size in kilobytes.
        else if (file.size > maxMb * 1024)
          problems.push({
            path: ['attachments', j],
            message: `'${file.name}' is larger than ${maxMb} MB`,
            code: 'template.attachmentTooLarge',
            params: { name: file.name, max: maxMb },
          });
      }
      return problems;
    },

    async validate(t: TemplateInput): Promise<void> {
      const problems = await service.problems(t);
      if (problems.length) throw validationError(`Invalid template: ${describeProblems(problems)}`, problems);
    },

    /** Compiled once per template version (same content = same compiled mail). */
    compile(content: TemplateContent): Promise<CompiledTemplate> {
      const key = templateVersion(content);
      let entry = compiled.get(key);
      if (!entry) {
        if (compiled.size >= COMPILED_CACHE) compiled.delete(compiled.keys().next().value!);
        entry = compileTemplate(content);
        entry.catch(() => compiled.delete(key));
        compiled.set(key, entry);
      }
      return entry;
    },

    /** The holder a preview or test is personalised for: by UID, else a random one (of the segment). */
    async recipient(p: Personalise, scope: Scope, random: () => number = Math.random): Promise<Recipient & { chosen: 'uid' | 'random' }> {
      if (p.uid) {
        const found = await recipientByUid(knex(), p.uid, scope);
        if (!found)
          throw validationError(`No pass holder with UID '${p.uid}'`, [
            { path: ['uid'], message: `No pass holder with UID '${p.uid}' that you may see`, code: 'template.uidNotFound', params: { uid: p.uid } },
          ]);
        return { ...found, chosen: 'uid' };
      }
      let id: number | null;
      if (p.segment) {
        const segments = getService(strapi, 'segments');
        const saved = await segments.parseSaved(p.segment, {}, scope);
        id = await segments.engine().randomMember(saved.definition, { scope: saved.scope }, random);
      } else id = await randomHolderId(knex(), scope, random);
      const found = id === null ? null : await recipientById(knex(), id, scope);
      if (!found)
        throw validationError('There is no pass holder to personalise for', [
          { path: [p.segment ? 'segment' : 'uid'], message: 'No pass holder found', code: 'template.noHolder' },
        ]);
      return { ...found, chosen: 'random' };
    },

    /**
     * The subject as it reads: for `recipient` when given, else for the made-up sample holder (no
     * personal data). For campaign pages and the template list; a subject that does not render stays as written.
     */
    sampleSubject(subject: string, recipient?: Recipient): string {
      return recipient ? subjectFor(subject, recipient) : subjectAsItReads(subject);
    },

    /** The unsubscribe link of a test mail (it unsubscribes no one; campaign mails carry their delivery). No personal data in it. */
    unsubscribeUrl(): string {
      return `${publicUrlOf(strapi)}/api/segmentation/unsubscribe/${signToken(secretOf(strapi), { k: 'unsub', c: 'test' })}`;
    },

    /** One recipient's mail; too much render work is a 400 on the field it comes from. */
    render(compiledTemplate: CompiledTemplate, content: TemplateContent, recipient: Recipient): RenderedMail {
      try {
        return compiledTemplate.render(recipient, { unsubscribeUrl: service.unsubscribeUrl() });
      } catch (err) {
        if (!(err instanceof WorkLimitError)) throw err;
        const field = err.part === 'subject' || err.part === 'preheader' ? err.part : content.format === 'html' ? 'html' : 'body';
        throw validationError(`Invalid template: ${field}: ${TOO_MUCH_WORK}`, [{ path: [field], message: TOO_MUCH_WORK, code: 'template.tooMuchWork' }]);
      }
    },

    async preview(t: TemplateInput, p: Personalise, scope: Scope): Promise<Preview> {
      await service.validate(t);
      const { content, image } = await service.content(t);
      const recipient = await service.recipient(p, scope);
      const compiledTemplate = await service.compile(content);
      const mail = await inRenderLane(() => service.render(compiledTemplate, content, recipient));
      const warnings = templateWarnings(content, mail);
      if (image?.width && image.width < MAIL_WIDTH)
        warnings.push({ code: 'image-narrow', field: 'image', message: `The image is ${image.width} px wide; mails show it at ${MAIL_WIDTH} px` });
      if (image?.width && image.height && image.height > image.width)
        warnings.push({ code: 'image-portrait', field: 'image', message: 'The header image is portrait; a landscape image fits the mail' });
      return { recipient, mail, warnings };
    },

    /**
     * The preview as the admin panel shows it when served from `origin` (another host name than
     * PUBLIC_URL): the tool's own uploads are loaded from that origin, which the admin's content
     * security policy allows as 'self'. Other images and the mail itself are unchanged.
     */
    servedFrom(preview: Preview, origin: string | undefined): Preview {
      const base = publicUrlOf(strapi);
      if (!origin || !/^https?:\/\/[^/]+$/.test(origin) || origin === new URL(base).origin) return preview;
      const html = preview.mail.html.split(`${base}/uploads/`).join(`${origin}/uploads/`);
      return { ...preview, mail: { ...preview.mail, html } };
    },

    /** The preview of a template filed under `cardSystem` (which must be the caller's own), within the caller's scope. */
    previewIn(t: TemplateInput, p: Personalise, scope: Scope, cardSystem: string | null | undefined): Promise<Preview> {
      return service.preview(t, p, scopeWithin(scope, cardSystem));
    },

    /**
     * A test mail asked for by a caller with `scope`, of a template filed under `cardSystem`: that
     * card system must be the caller's own (403) before anything else is looked at; then the sender
     * rule of saving (the template partner's own or a programme-wide sender); then `sendTest`.
     */
    async testMail(t: TemplateInput, addresses: string[], p: Personalise, scope: Scope, cardSystem: string | null | undefined, userKey: string) {
      const personaliseScope = scopeWithin(scope, cardSystem);
      await senders().assertUsable(t.sender, cardSystem ?? null, scope);
      return service.sendTest(t, addresses, p, personaliseScope, userKey);
    },

    /**
     * Test mails: to each address (all valid, or none is sent), subject prefixed `[TEST]`, and a copy
     * to the monitoring address. Personalised for the chosen holder; throttled per user (every
     * address counts, before any rendering, so refused requests cost no work).
     */
    async sendTest(t: TemplateInput, addresses: string[], p: Personalise, scope: Scope, userKey: string) {
      const invalid = addresses.map((a, i) => ({ a, i })).filter(({ a }) => !isEmailAddress(a));
      if (invalid.length) {
        throw validationError(
          `Invalid addresses: ${invalid.map(({ a }) => a).join(', ')}`,
          invalid.map(({ a, i }) => ({
            path: ['recipients', i],
            message: `'${a}' is not an e-mail address`,
            code: 'template.invalidAddress',
            params: { address: a },
          })),
        );
      }
      const unique = [...new Set(addresses.map((a) => a.toLowerCase()))];
      if (unique.length === 0)
        throw validationError('Give at least one address', [{ path: ['recipients'], message: 'Give at least one address', code: 'template.noAddresses' }]);
      if (unique.length > 10)
        throw validationError('At most 10 addresses per test', [
          { path: ['recipients'], message: 'At most 10 addresses per test', code: 'template.tooManyAddresses' },
        ]);
      const sender = t.sender ? await senders().approved(t.sender) : null;
      if (!sender)
        throw validationError('Choose an approved sender address first', [
          { path: ['sender'], message: 'Only an approved sender address can be used', code: 'template.senderNotApproved' },
        ]);
      if (limits.take(userKey, unique.length) < 0) throw new errors.RateLimitError('Too many test mails: try again in a few minutes');
      const { mail, recipient } = await service.preview(t, p, scope);
      const monitor = pluginConfig(strapi).monitorAddress;
      const from = { name: t.senderName || sender.displayName || sender.email, address: sender.email };
      const attachments = await loadAttachments(strapi, t.attachments);
      for (const to of [...unique, monitor]) {
        await sendMail(strapi, {
          to,
          from,
          replyTo: t.replyTo,
          subject: `[TEST] ${mail.subject}`,
          html: mail.html,
          text: mail.text,
          unsubscribeUrl: service.unsubscribeUrl(),
          headers: { 'X-UiTPAS-Test': 'true' },
          attachments,
        });
      }
      return { sent: unique, monitor, recipient: { uid: recipient.uid, firstName: recipient.firstName, lastName: recipient.lastName } };
    },
  };
  return service;
};
