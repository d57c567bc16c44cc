/**
 * The post part of a mailing (issue 20), for download once the mailing started (its letters were
 * fixed then): one PDF with every letter, in postal order; address labels for A4 sheets, from a
 * chosen first position; the merge file for Word (CSV or XLSX). Each download is audited.
 */
import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import type { Writable } from 'stream';
import { validationError } from '../common/errors';
import type { Scope } from '../common/scope';
import { houseStyleOf } from '../templates/house-styles';
import { localisationFor, type Snapshot } from '../campaigns/snapshot';
import type { TemplateContent } from '../templates/render';
import { getService } from '../services';
import { sortForPost } from './address';
import { writeLabels, type LabelSheetKey } from './labels';
import { renderLocalisedLetters, addresseeOf, type LetterTemplate } from './letter-template';
import { writeLetters, type LetterFrame, type LetterLanguage } from './letters';
import { writeMergeCsv, writeMergeXlsx } from './merge-file';
import { postRecipients } from './queries';

const LANGUAGES: LetterLanguage[] = ['nl', 'fr', 'en', 'de'];

/** A letter template's language, sender block and place: the frame of its letters. */
function frameOf(t: TemplateContent): LetterFrame {
  const [name = '', ...lines] = (t.senderBlock ?? '').split('\n').map((l) => l.trim());
  return {
    language: LANGUAGES.includes(t.language as LetterLanguage) ? (t.language as LetterLanguage) : 'nl',
    sender: { name, lines: lines.filter(Boolean) },
    place: t.place ?? '',
  };
}

const textsOf = (t: TemplateContent): LetterTemplate => ({ subject: t.subject, body: t.body ?? '', signature: t.signature });

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** The mailing (as the caller may see it) with its post part; 400 before it started or without one. */
  async function started(documentId: string, scope: Scope) {
    const campaign = (await getService(strapi, 'campaigns').load(documentId, scope)) as {
      id: number;
      documentId: string;
      name: string;
      snapshot?: Snapshot | string | null;
    };
    const snapshot = (typeof campaign.snapshot === 'string' ? JSON.parse(campaign.snapshot) : campaign.snapshot) as Snapshot | null;
    if (!snapshot?.letter)
      throw validationError('The letters exist once a mailing with a post part was sent', [{ path: ['channel'], message: 'No letters for this mailing' }]);
    const recipients = sortForPost(await postRecipients(strapi.db.connection, campaign.id, snapshot.scope));
    return { campaign, letter: snapshot.letter, recipients, forced: snapshot.language };
  }

  async function audit(campaign: { documentId: string; name: string }, rows: number, what: string) {
    await getService(strapi, 'audit').record({
      action: 'campaign.letters',
      subject: { type: 'campaign', id: campaign.documentId, label: campaign.name },
      rows,
      details: { what },
    });
  }

  /** The template's header image from the Media Library (local uploads), if any. */
  async function headerImage(imageId: unknown): Promise<Buffer | null> {
    if (typeof imageId !== 'number') return null;
    const file = (await strapi.db.query('plugin::upload.file').findOne({ where: { id: imageId } })) as { url: string } | null;
    if (!file || /^https?:/.test(file.url)) return null;
    return fs.promises.readFile(path.join(strapi.dirs.static.public, file.url)).catch(() => null);
  }

  return {
    /** Every letter in one PDF, sorted by postcode. */
    async letters(documentId: string, scope: Scope, out: Writable, date = new Date()) {
      const { campaign, letter, recipients, forced } = await started(documentId, scope);
      const t = letter.content;
      const main = frameOf(t);
      // Each localisation of the template (a template in one language: its own), keyed by locale.
      const parts = letter.locales ?? { [main.language]: { content: t, version: letter.version } };
      const localisations = Object.fromEntries(
        Object.entries(parts).map(([locale, p]) => [locale, { template: textsOf(p.content), frame: frameOf(p.content) }]),
      );
      const pick = (r: { language?: string | null }) => localisationFor(letter.locales, r.language, forced) ?? main.language;
      await audit(campaign, recipients.length, 'letters');
      return {
        name: campaign.name,
        count: recipients.length,
        write: async () =>
          writeLetters(out, renderLocalisedLetters(localisations, pick, recipients), {
            ...main,
            houseStyle: t.style ?? houseStyleOf(t.houseStyle),
            headerImage: await headerImage((t as { image?: unknown }).image),
            date,
          }),
      };
    },

    /** Address labels for a sheet, from position `start`. */
    async labels(documentId: string, scope: Scope, out: Writable, sheet: LabelSheetKey, start: number) {
      const { campaign, recipients } = await started(documentId, scope);
      await audit(campaign, recipients.length, 'labels');
      const addresses = recipients.map((r) => ({ name: addresseeOf(r), street: r.street, postcode: r.postcode, city: r.city }));
      return { name: campaign.name, count: recipients.length, write: () => writeLabels(out, addresses, { sheet, start }) };
    },

    /** The merge file for Word, CSV (UTF-8 with BOM, `;`) or XLSX. */
    async merge(documentId: string, scope: Scope, out: Writable, format: 'csv' | 'xlsx') {
      const { campaign, recipients } = await started(documentId, scope);
      await audit(campaign, recipients.length, `merge-${format}`);
      const rows = recipients.map((r) => ({
        uid: r.uid,
        firstName: r.firstName,
        lastName: r.lastName,
        street: r.street,
        postcode: r.postcode,
        city: r.city,
        language: r.language,
      }));
      return { name: campaign.name, count: recipients.length, write: () => (format === 'csv' ? writeMergeCsv(out, rows) : writeMergeXlsx(out, rows)) };
    },
  };
};
