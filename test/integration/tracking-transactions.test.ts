/**
 * An unsubscribe and a bounce / complaint webhook call each write in one transaction: when a later
 * write fails (a trigger refuses it, on the run's dialect), nothing of the earlier writes remains,
 * and the same request succeeds in full once the failure is gone.
 */
import { startApp, type TestApp } from '../helpers/strapi';
import { testDialect } from '../helpers/db';
import { signToken } from '../../src/plugins/segmentation/server/src/tracking/tokens';
import { secretOf } from '../../src/plugins/segmentation/server/src/common/secret';

let app: TestApp;
const CAMPAIGN = 9001;
const HOOK = '/api/segmentation/webhooks/mail-events';

const knex = () => app.strapi.db.connection;
const webhook = (events: object[]) => app.http.post(HOOK).set('Authorization', 'Bearer hook-secret').send({ events });

/** A sent delivery to `email`, as the worker leaves it. */
async function delivery(email: string, holder: number): Promise<number> {
  const [row] = await knex()('seg_deliveries')
    .insert({
      campaign_id: CAMPAIGN,
      holder_id: holder,
      uid: `uid-${holder}`,
      email,
      status: 'sent',
      message_id: `<m${holder}@provider.test>`,
      sent_at: Date.now(),
    })
    .returning('id');
  return Number(typeof row === 'object' ? row.id : row);
}

/** Makes inserts into `table` (those of rows matching `when`, SQL on NEW) fail until the returned function is called. */
async function failInserts(table: string, when = 'TRUE'): Promise<() => Promise<void>> {
  const trigger = `fail_${table}`;
  if (testDialect() === 'postgres') {
    await knex().raw(`CREATE OR REPLACE FUNCTION seg_fail_insert() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql`);
    await knex().raw(`CREATE TRIGGER ${trigger} BEFORE INSERT ON ${table} FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION seg_fail_insert()`);
    return async () => void (await knex().raw(`DROP TRIGGER ${trigger} ON ${table}`));
  }
  await knex().raw(`CREATE TRIGGER ${trigger} BEFORE INSERT ON ${table} WHEN ${when} BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
  return async () => void (await knex().raw(`DROP TRIGGER ${trigger}`));
}

const suppressions = (email: string) => knex()('seg_suppressions').where({ email }).select('reason');
const events = (deliveryId: number) => knex()('seg_tracking_events').where({ delivery_id: deliveryId }).orderBy('id').select('type', 'detail');
const statusOf = async (deliveryId: number) => (await knex()('seg_deliveries').where({ id: deliveryId }).first('status')).status;

beforeAll(async () => {
  app = await startApp({ env: { SEGMENTATION_WEBHOOK_TOKEN: 'hook-secret' } });
});
afterAll(async () => {
  await app?.stop();
});

test('unsubscribe: the suppression and its event, or neither', async () => {
  const id = await delivery('weg@mail.test', 1);
  const path = `/api/segmentation/unsubscribe/${signToken(secretOf(app.strapi), { k: 'unsub', c: String(CAMPAIGN), d: id })}`;

  const restore = await failInserts('seg_tracking_events'); // the second write
  expect((await app.http.post(path)).status).toBe(500);
  await restore();
  expect(await suppressions('weg@mail.test')).toEqual([]);
  expect(await events(id)).toEqual([]);

  expect((await app.http.post(path)).status).toBe(200);
  expect(await suppressions('weg@mail.test')).toEqual([{ reason: 'unsubscribed' }]);
  expect(await events(id)).toEqual([{ type: 'unsubscribe', detail: null }]);
});

test('webhook: every write of the call, or none (events, bounced delivery, suppressions)', async () => {
  const bounced = await delivery('bounce@mail.test', 2);
  const complained = await delivery('klacht@mail.test', 3);
  const body = [
    { type: 'bounce', bounceType: 'hard', messageId: '<m2@provider.test>', reason: '550 no such user' },
    { type: 'complaint', messageId: '<m3@provider.test>', reason: 'spam' },
  ];
  const nothingWritten = async () => {
    expect(await events(bounced)).toEqual([]);
    expect(await events(complained)).toEqual([]);
    expect(await statusOf(bounced)).toBe('sent');
    expect(await suppressions('bounce@mail.test')).toEqual([]);
    expect(await suppressions('klacht@mail.test')).toEqual([]);
  };

  // The hard bounce's last write fails: its event and the bounced status go too.
  let restore = await failInserts('seg_suppressions', "NEW.reason = 'hard_bounce'");
  expect((await webhook(body)).status).toBe(500);
  await restore();
  await nothingWritten();

  // The bounce is written in full, then the complaint's suppression fails: the bounce goes too.
  restore = await failInserts('seg_suppressions', "NEW.reason = 'complaint'");
  expect((await webhook(body)).status).toBe(500);
  await restore();
  await nothingWritten();

  const ok = await webhook(body);
  expect([ok.status, ok.body]).toEqual([200, { received: 2, matched: 2 }]);
  expect(await events(bounced)).toEqual([{ type: 'bounce', detail: 'hard' }]);
  expect(await events(complained)).toEqual([{ type: 'complaint', detail: 'spam' }]);
  expect(await statusOf(bounced)).toBe('bounced');
  expect(await suppressions('bounce@mail.test')).toEqual([{ reason: 'hard_bounce' }]);
  expect(await suppressions('klacht@mail.test')).toEqual([{ reason: 'complaint' }]);
});
