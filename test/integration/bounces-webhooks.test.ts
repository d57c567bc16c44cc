/**
 * The mail providers' bounce webhooks (issue 22), with payloads in the shapes the providers
 * document and each provider's own authenticity check: Amazon SES through SNS (signature with the
 * certificate from an Amazon SNS host; the certificate download and the subscription confirmation
 * are the one part replaced, as Amazon cannot run here — the signature is made and checked for
 * real), SendGrid (ECDSA signed events), Postmark (basic auth), Mailgun (HMAC). For each: valid,
 * altered and replayed calls; nothing is written for a refused one.
 */
import { createHmac, createSign, generateKeyPairSync, sign } from 'crypto';
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { startApp, type TestApp } from '../helpers/strapi';
import { secretOf } from '../../src/plugins/segmentation/server/src/common/secret';
import { verpToken } from '../../src/plugins/segmentation/server/src/bounces/verp';
import { getService } from '../../src/plugins/segmentation/server/src/services';

let app: TestApp;
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const SENDGRID_KEY = ec.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
const MAILGUN_KEY = 'key-mailgun-test';
const CERT_URL = 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0000.pem';
let snsKey: string;
let snsCert: string;
const fetched: string[] = [];

const knex = () => app.strapi.db.connection;
const token = (id: number) => verpToken(secretOf(app.strapi), id);
const suppression = async (email: string) => knex()('seg_suppressions').where({ email }).pluck('reason');
const bounceRows = async (email: string) => knex()('seg_bounce_messages').where({ recipient: email }).select('source', 'kind', 'severity');

let holder = 0;
async function delivery(email: string): Promise<number> {
  holder += 1;
  const [row] = await knex()('seg_deliveries')
    .insert({ campaign_id: 55, holder_id: holder, uid: `w${holder}`, email, status: 'sent', sent_at: Date.now(), message_id: `<d0.c55.${holder}@x>` })
    .returning('id');
  return Number(typeof row === 'object' ? row.id : row);
}

beforeAll(async () => {
  // An RSA key and a self-signed certificate standing for SNS's signing certificate.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sns-'));
  const made = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${dir}/key.pem`, '-out', `${dir}/cert.pem`, '-days', '2', '-subj', '/CN=sns.amazonaws.com'],
    {
      encoding: 'utf8',
    },
  );
  if (made.status !== 0) throw new Error(made.stderr);
  snsKey = fs.readFileSync(`${dir}/key.pem`, 'utf8');
  snsCert = fs.readFileSync(`${dir}/cert.pem`, 'utf8');
  fs.rmSync(dir, { recursive: true });
  app = await startApp({
    env: {
      BOUNCE_SENDGRID_PUBLIC_KEY: SENDGRID_KEY,
      BOUNCE_POSTMARK_USER: 'postmark',
      BOUNCE_POSTMARK_PASSWORD: 'pm-geheim',
      BOUNCE_MAILGUN_SIGNING_KEY: MAILGUN_KEY,
    },
  });
  getService(app.strapi, 'bounces').sns.useFetch(async (url) => {
    fetched.push(url);
    if (url === CERT_URL) return snsCert;
    if (url.startsWith('https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription')) return '<ConfirmSubscriptionResponse/>';
    throw new Error(`unexpected fetch ${url}`);
  });
});
afterAll(async () => {
  await app?.stop();
});

describe('Amazon SES through SNS', () => {
  const FIELDS = ['Message', 'MessageId', 'Subject', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  function snsMessage(fields: Record<string, string>, version = '1'): Record<string, string> {
    const text = FIELDS.filter((k) => fields[k] !== undefined)
      .map((k) => `${k}\n${fields[k]}\n`)
      .join('');
    const signature = createSign(version === '2' ? 'RSA-SHA256' : 'RSA-SHA1')
      .update(text)
      .sign(snsKey, 'base64');
    return { ...fields, SignatureVersion: version, Signature: signature, SigningCertURL: CERT_URL };
  }
  const notification = (messageId: string, ses: object) =>
    snsMessage({
      Type: 'Notification',
      MessageId: messageId,
      TopicArn: 'arn:aws:sns:eu-west-1:123456789012:ses-bounces',
      Message: JSON.stringify(ses),
      Timestamp: new Date().toISOString(),
    });
  const bounce = (email: string, id: number, bounceType = 'Permanent') => ({
    notificationType: 'Bounce',
    bounce: {
      bounceType,
      bounceSubType: bounceType === 'Permanent' ? 'General' : 'MailboxFull',
      bouncedRecipients: [
        { emailAddress: email, action: 'failed', status: bounceType === 'Permanent' ? '5.1.1' : '4.2.2', diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
      ],
      timestamp: new Date().toISOString(),
      feedbackId: `fb-${id}`,
    },
    mail: {
      timestamp: new Date().toISOString(),
      source: 'gent@uitpas.test',
      messageId: `ses-${id}`,
      destination: [email],
      headers: [
        { name: 'X-UiTPAS-Delivery', value: token(id) },
        { name: 'Message-ID', value: `<d${id}.c55@uitpas-segmentation>` },
      ],
    },
  });
  const post = (body: object) => app.http.post('/api/segmentation/bounces/ses').set('Content-Type', 'text/plain; charset=UTF-8').send(JSON.stringify(body));

  test('a signed bounce notification suppresses; SNS retrying it counts once', async () => {
    const id = await delivery('ses-hard@ontvanger.test');
    const message = notification('sns-1', bounce('ses-hard@ontvanger.test', id));
    expect((await post(message)).body).toEqual({ received: 1, matched: 1 });
    expect((await post(message)).body).toEqual({ received: 1, matched: 1 });
    expect(await suppression('ses-hard@ontvanger.test')).toEqual(['hard_bounce']);
    expect(await bounceRows('ses-hard@ontvanger.test')).toEqual([{ source: 'ses', kind: 'bounce', severity: 'hard' }]);
    expect(fetched).toContain(CERT_URL);
  });

  test('an altered message, a certificate from elsewhere or a wrong version is refused', async () => {
    const id = await delivery('ses-vals@ontvanger.test');
    const message = notification('sns-2', bounce('ses-vals@ontvanger.test', id));
    const altered = { ...message, Message: message.Message!.replace('Permanent', 'Transient') };
    expect((await post(altered)).status).toBe(401);
    const elsewhere = { ...message, SigningCertURL: 'https://sns.eu-west-1.amazonaws.com.evil.test/cert.pem' };
    expect((await post(elsewhere)).status).toBe(401);
    expect((await post({ ...message, SigningCertURL: CERT_URL.replace('https:', 'http:') })).status).toBe(401);
    expect((await post({ ...message, SignatureVersion: '3' })).status).toBe(401);
    expect(await suppression('ses-vals@ontvanger.test')).toEqual([]);
    expect(await bounceRows('ses-vals@ontvanger.test')).toEqual([]);
    // Signature version 2 (SHA256withRSA) verifies too.
    const v2 = snsMessage({ ...Object.fromEntries(FIELDS.filter((k) => message[k] !== undefined).map((k) => [k, message[k]!])), MessageId: 'sns-2b' }, '2');
    expect((await post(v2)).body).toEqual({ received: 1, matched: 1 });
  });

  test('a subscription confirmation is confirmed at its Amazon URL', async () => {
    const url = 'https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:eu-west-1:123456789012:ses-bounces&Token=abc';
    const message = snsMessage({
      Type: 'SubscriptionConfirmation',
      MessageId: 'sns-sub',
      Token: 'abc',
      TopicArn: 'arn:aws:sns:eu-west-1:123456789012:ses-bounces',
      Message: 'You have chosen to subscribe',
      SubscribeURL: url,
      Timestamp: new Date().toISOString(),
    });
    expect((await post(message)).status).toBe(200);
    expect(fetched).toContain(url);
    const evil = snsMessage({ ...message, MessageId: 'sns-sub2', SubscribeURL: 'https://attacker.test/?Action=ConfirmSubscription' } as Record<string, string>);
    expect((await post(evil)).status).toBe(401);
  });

  test('a complaint suppresses; a transient bounce is soft', async () => {
    const complained = await delivery('ses-klacht@ontvanger.test');
    const complaint = {
      notificationType: 'Complaint',
      complaint: { complainedRecipients: [{ emailAddress: 'ses-klacht@ontvanger.test' }], complaintFeedbackType: 'abuse', feedbackId: 'c1' },
      mail: { messageId: 'ses-c', headers: [{ name: 'X-UiTPAS-Delivery', value: token(complained) }] },
    };
    expect((await post(notification('sns-3', complaint))).body).toEqual({ received: 1, matched: 1 });
    expect(await suppression('ses-klacht@ontvanger.test')).toEqual(['complaint']);
    const soft = await delivery('ses-zacht@ontvanger.test');
    expect((await post(notification('sns-4', bounce('ses-zacht@ontvanger.test', soft, 'Transient')))).body).toEqual({ received: 1, matched: 1 });
    expect(await bounceRows('ses-zacht@ontvanger.test')).toEqual([{ source: 'ses', kind: 'bounce', severity: 'soft' }]);
    expect(await suppression('ses-zacht@ontvanger.test')).toEqual([]);
  });
});

describe('SendGrid', () => {
  const signed = (body: string, timestamp = String(Math.floor(Date.now() / 1000))) => ({
    signature: sign('sha256', Buffer.from(timestamp + body), ec.privateKey).toString('base64'),
    timestamp,
  });
  const post = (body: string, s: { signature: string; timestamp: string }) =>
    app.http
      .post('/api/segmentation/bounces/sendgrid')
      .set('Content-Type', 'application/json')
      .set('X-Twilio-Email-Event-Webhook-Signature', s.signature)
      .set('X-Twilio-Email-Event-Webhook-Timestamp', s.timestamp)
      .send(body);

  test('signed events are taken; altered, old or replayed calls are refused', async () => {
    const hard = await delivery('sg-hard@ontvanger.test');
    const blocked = await delivery('sg-blok@ontvanger.test');
    const body = JSON.stringify([
      {
        email: 'sg-hard@ontvanger.test',
        timestamp: 1765100000,
        event: 'bounce',
        type: 'bounce',
        status: '5.1.1',
        reason: '550 5.1.1 unknown user',
        sg_event_id: 'e1',
        uitpas: token(hard),
      },
      {
        email: 'sg-blok@ontvanger.test',
        timestamp: 1765100000,
        event: 'bounce',
        type: 'blocked',
        status: '5.7.1',
        reason: '550 5.7.1 blocked',
        sg_event_id: 'e2',
        uitpas: token(blocked),
      },
      { email: 'sg-hard@ontvanger.test', timestamp: 1765100000, event: 'open', sg_event_id: 'e3' },
    ]);
    const altered = body.replace('sg-blok', 'sg-blak');
    const s = signed(body);
    expect((await post(altered, s)).status).toBe(401);
    expect((await post(body, signed(body, String(Math.floor(Date.now() / 1000) - 3600)))).status).toBe(401);
    expect(await bounceRows('sg-hard@ontvanger.test')).toEqual([]);
    expect((await post(body, s)).body).toEqual({ received: 2, matched: 2 });
    expect((await post(body, s)).status).toBe(401); // replayed
    expect(await suppression('sg-hard@ontvanger.test')).toEqual(['hard_bounce']);
    expect(await suppression('sg-blok@ontvanger.test')).toEqual([]);
    expect(await bounceRows('sg-blok@ontvanger.test')).toEqual([{ source: 'sendgrid', kind: 'bounce', severity: 'blocked' }]);
  });
});

describe('Postmark', () => {
  const post = (body: object, auth = 'postmark:pm-geheim') =>
    app.http
      .post('/api/segmentation/bounces/postmark')
      .set('Authorization', `Basic ${Buffer.from(auth).toString('base64')}`)
      .send(body);

  test('with the right basic auth a bounce is taken once; wrong or no auth is refused', async () => {
    const id = await delivery('pm-hard@ontvanger.test');
    const body = {
      RecordType: 'Bounce',
      ID: 4323372036,
      Type: 'HardBounce',
      TypeCode: 1,
      MessageID: '883953f4-6105-42a2-a16a-77a8eac79483',
      Email: 'pm-hard@ontvanger.test',
      Description: 'The server was unable to deliver your message (ex: unknown user, mailbox not found).',
      Details: 'smtp;550 5.1.1 The email account that you tried to reach does not exist.',
      BouncedAt: new Date().toISOString(),
      Metadata: { uitpas: token(id) },
    };
    expect((await post(body, 'postmark:fout')).status).toBe(401);
    expect((await app.http.post('/api/segmentation/bounces/postmark').send(body)).status).toBe(401);
    expect(await bounceRows('pm-hard@ontvanger.test')).toEqual([]);
    expect((await post(body)).body).toEqual({ received: 1, matched: 1 });
    expect((await post(body)).body).toEqual({ received: 1, matched: 1 }); // a retry counts once
    expect(await bounceRows('pm-hard@ontvanger.test')).toEqual([{ source: 'postmark', kind: 'bounce', severity: 'hard' }]);
    expect(await suppression('pm-hard@ontvanger.test')).toEqual(['hard_bounce']);
  });

  test('an auto-responder is no bounce; a spam complaint suppresses', async () => {
    const away = await delivery('pm-weg@ontvanger.test');
    const auto = { RecordType: 'Bounce', ID: 1, Type: 'AutoResponder', TypeCode: 4, Email: 'pm-weg@ontvanger.test', Metadata: { uitpas: token(away) } };
    expect((await post(auto)).body).toEqual({ received: 1, matched: 1 });
    expect(await suppression('pm-weg@ontvanger.test')).toEqual([]);
    expect(await bounceRows('pm-weg@ontvanger.test')).toEqual([{ source: 'postmark', kind: 'autoreply', severity: null }]);
    const spam = { RecordType: 'SpamComplaint', ID: 2, Type: 'SpamComplaint', Email: 'pm-weg@ontvanger.test', Metadata: { uitpas: token(away) } };
    expect((await post(spam)).body).toEqual({ received: 1, matched: 1 });
    expect(await suppression('pm-weg@ontvanger.test')).toEqual(['complaint']);
    expect((await post({ RecordType: 'Open' })).status).toBe(400);
  });
});

describe('Mailgun', () => {
  const signature = (timestamp = String(Math.floor(Date.now() / 1000)), tok = `tok-${Math.random()}`) => ({
    timestamp,
    token: tok,
    signature: createHmac('sha256', MAILGUN_KEY)
      .update(timestamp + tok)
      .digest('hex'),
  });
  const event = (id: number, email: string, severity: 'permanent' | 'temporary') => ({
    id: `mg-${id}`,
    event: 'failed',
    severity,
    recipient: email,
    reason: severity === 'permanent' ? 'bounce' : 'generic',
    'delivery-status': { code: severity === 'permanent' ? 550 : 452, message: severity === 'permanent' ? '5.1.1 No such user' : '4.2.2 Mailbox full' },
    'user-variables': { uitpas: token(id) },
    message: { headers: { 'message-id': `d${id}.c55@uitpas-segmentation` } },
  });
  const post = (body: object) => app.http.post('/api/segmentation/bounces/mailgun').send(body);

  test('HMAC-signed events are taken; altered, old or replayed calls are refused', async () => {
    const id = await delivery('mg-hard@ontvanger.test');
    const sig = signature();
    const body = { signature: sig, 'event-data': event(id, 'mg-hard@ontvanger.test', 'permanent') };
    expect((await post({ ...body, signature: { ...sig, signature: sig.signature.replace(/.$/, (c) => (c === '0' ? '1' : '0')) } })).status).toBe(401);
    expect((await post({ ...body, signature: signature(String(Math.floor(Date.now() / 1000) - 3600)) })).status).toBe(401);
    expect(await bounceRows('mg-hard@ontvanger.test')).toEqual([]);
    expect((await post(body)).body).toEqual({ received: 1, matched: 1 });
    expect((await post(body)).status).toBe(401); // the same token again: replayed
    expect(await suppression('mg-hard@ontvanger.test')).toEqual(['hard_bounce']);
    const soft = await delivery('mg-zacht@ontvanger.test');
    expect((await post({ signature: signature(), 'event-data': event(soft, 'mg-zacht@ontvanger.test', 'temporary') })).body).toEqual({
      received: 1,
      matched: 1,
    });
    expect(await bounceRows('mg-zacht@ontvanger.test')).toEqual([{ source: 'mailgun', kind: 'bounce', severity: 'soft' }]);
  });
});
