/**
 * The files an e-mail template attaches (issue 20), read from the Media Library once per send (or
 * test mail) and sent with every mail: each a PDF or an image (checked when the template is saved).
 * The local upload provider keeps them under the public folder; a file stored elsewhere (a URL) is
 * fetched.
 */
import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';

export interface Attachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export async function loadAttachments(strapi: Core.Strapi, ids: readonly number[] | undefined): Promise<Attachment[]> {
  const out: Attachment[] = [];
  for (const id of ids ?? []) {
    const file = (await strapi.db.query('plugin::upload.file').findOne({ where: { id } })) as { name: string; url: string; mime: string } | null;
    if (!file) throw new Error(`Attachment ${id} is no longer in the Media Library`);
    const content = /^https?:\/\//.test(file.url)
      ? Buffer.from(await (await fetch(file.url)).arrayBuffer())
      : await fs.promises.readFile(path.join(strapi.dirs.static.public, file.url));
    out.push({ filename: file.name, content, contentType: file.mime });
  }
  return out;
}
