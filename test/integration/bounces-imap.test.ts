/**
 * The bounce mailbox (issue 22) on a real IMAP server (Debian's Dovecot, test/helpers/imap.ts):
 * the poller reads what arrived, applies it, moves only the messages that named one of our
 * deliveries to the processed folder, and leaves the rest (a person's reply, a forged report) in the
 * inbox, marked as read.
 */
import fs from 'fs';
import path from 'path';
import { ImapFlow } from 'imapflow';
import { startApp, type TestApp } from '../helpers/strapi';
import { hasDovecot, startImap, type TestImap } from '../helpers/imap';
import { eventually } from '../helpers/admin';
import { getService } from '../../src/plugins/segmentation/server/src/services';

const SAMPLES = path.join(__dirname, '..', 'fixtures', 'bounces');
const SAMPLE_VERP = 'bounces+2s-k5xq7m2ha4c3vdw6@bounce.uitpas.test';
const run = hasDovecot() || process.env.CI ? describe : describe.skip;
let app: TestApp;
let imap: TestImap;

const knex = () => app.strapi.db.connection;

async function delivery(email: string, holder: number): Promise<number> {
  const [row] = await knex()('seg_deliveries')
    .insert({ campaign_id: 77, holder_id: holder, uid: `i${holder}`, email, status: 'sent', sent_at: Date.now() })
    .returning('id');
  return Number(typeof row === 'object' ? row.id : row);
}

const sample = (file: string, email: string, verp: string) =>
  fs
    .readFileSync(path.join(SAMPLES, file), 'utf8')
    .replaceAll(SAMPLE_VERP, verp)
    .replace(/an\.peeters@example\.be/g, email);

function client(): ImapFlow {
  return new ImapFlow({ host: imap.host, port: imap.port, secure: false, doSTARTTLS: false, auth: { user: imap.user, pass: imap.password }, logger: false });
}

/** The subjects and flags of a folder's messages. */
async function folder(name: string): Promise<{ subject: string; seen: boolean }[]> {
  const c = client();
  await c.connect();
  try {
    const status = await c.status(name, { messages: true }).catch(() => null);
    if (!status || !status.messages) return [];
    const lock = await c.getMailboxLock(name);
    try {
      const out: { subject: string; seen: boolean }[] = [];
      for await (const m of c.fetch('1:*', { envelope: true, flags: true }))
        out.push({ subject: m.envelope?.subject ?? '', seen: m.flags?.has('\\Seen') ?? false });
      return out.sort((a, b) => a.subject.localeCompare(b.subject));
    } finally {
      lock.release();
    }
  } finally {
    await c.logout();
  }
}

run('the bounce mailbox over IMAP', () => {
  beforeAll(async () => {
    imap = await startImap();
    app = await startApp({
      env: {
        BOUNCE_DOMAIN: 'bounce.uitpas.test',
        BOUNCE_IMAP_HOST: imap.host,
        BOUNCE_IMAP_PORT: String(imap.port),
        BOUNCE_IMAP_SECURE: 'false',
        BOUNCE_IMAP_USER: imap.user,
        BOUNCE_IMAP_PASSWORD: imap.password,
        BOUNCE_IMAP_PROCESSED_MAILBOX: 'Verwerkt',
        BOUNCE_IMAP_POLL_SECONDS: '1',
      },
    });
  });
  afterAll(async () => {
    await app?.stop();
    await imap?.close();
  });

  test('ours are applied and moved; the rest stays in the inbox, read', async () => {
    const bounces = getService(app.strapi, 'bounces');
    const hard = await delivery('weg@ontvanger.test', 1);
    const away = await delivery('vakantie@ontvanger.test', 2);
    const hardPath = bounces.returnPathOf(hard)!;
    const forged = hardPath.replace(/-([a-z2-7])/, (_m, c: string) => `-${c === 'a' ? 'b' : 'a'}`);
    const c = client();
    await c.connect();
    await c.append('INBOX', sample('postfix-hard.eml', 'weg@ontvanger.test', hardPath));
    await c.append('INBOX', sample('ooo-exchange-nl.eml', 'vakantie@ontvanger.test', bounces.returnPathOf(away)!));
    await c.append('INBOX', sample('human-reply.eml', 'x@ontvanger.test', 'info@bounce.uitpas.test'));
    await c.append('INBOX', sample('exchange-hard.eml', 'weg@ontvanger.test', forged));
    await c.logout();

    await eventually(
      () => folder('Verwerkt'),
      (m) => m.length === 2,
      'the two messages of ours moved',
      20_000,
    );
    expect((await folder('Verwerkt')).map((m) => m.subject)).toEqual(['Automatisch antwoord: Zomerkampen 2027', 'Undelivered Mail Returned to Sender']);
    await eventually(
      () => folder('INBOX'),
      (m) => m.length === 2 && m.every((x) => x.seen),
      'the others left, read',
    );
    expect((await folder('INBOX')).map((m) => m.subject)).toEqual(['Onbestelbaar: Zomerkampen 2027', 'Re: Zomerkampen 2027']);

    expect(await knex()('seg_suppressions').where({ email: 'weg@ontvanger.test' }).pluck('reason')).toEqual(['hard_bounce']);
    expect(await knex()('seg_suppressions').where({ email: 'vakantie@ontvanger.test' }).pluck('reason')).toEqual([]);
    const rows = await knex()('seg_bounce_messages').orderBy('id').select('source', 'kind', 'delivery_id');
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.source === 'imap')).toBe(true);
    expect(
      rows
        .filter((r) => r.delivery_id !== null)
        .map((r) => [r.kind, Number(r.delivery_id)])
        .sort(),
    ).toEqual([
      ['autoreply', away],
      ['bounce', hard],
    ]);
  });
});
