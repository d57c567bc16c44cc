/**
 * The inbound SMTP listener for the bounce domain (smtp-server): mail servers hand their bounces
 * and abuse reports for `<prefix>+<token>@<domain>` to it. Only recipients of the bounce domain are
 * taken (anything else: 550, it is no open relay); each message is read up to `maxBytes` and
 * handed to the bounces service. The 250 is given only once the message is stored: when the
 * database fails, the answer is a 451 and the sending server tries again later.
 */
import { SMTPServer } from 'smtp-server';
import type { Core } from '@strapi/strapi';
import { pluginConfig } from '../config';
import { getService } from '../services';

export interface BounceListener {
  port: number;
  close(): Promise<void>;
}

const refusal = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

export async function startBounceListener(strapi: Core.Strapi): Promise<BounceListener | null> {
  const config = pluginConfig(strapi).bounces;
  if (config.smtp.port === 0) return null;
  const domain = config.domain.toLowerCase();
  const server = new SMTPServer({
    name: domain || undefined,
    banner: 'UiTPAS bounce intake',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: config.smtp.maxBytes,
    logger: false,
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase();
      if (domain && !to.endsWith(`@${domain}`)) return callback(refusal(550, `5.7.1 <${to}>: relay access denied`));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) return callback(refusal(552, '5.3.4 Message too big'));
        const to = session.envelope.rcptTo.map((r) => r.address);
        getService(strapi, 'bounces')
          .ingest(Buffer.concat(chunks), 'smtp', to)
          .then(() => callback())
          .catch((error: Error) => {
            strapi.log.error(`[segmentation] bounce intake: ${error.message}`);
            callback(refusal(451, '4.3.0 Temporary failure, try again later'));
          });
      });
    },
  });
  server.on('error', (error) => strapi.log.error(`[segmentation] bounce listener: ${error.message}`));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.smtp.port, config.smtp.host, () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : config.smtp.port;
  strapi.log.info(`[segmentation] bounce listener on ${config.smtp.host}:${port}${domain ? ` for @${domain}` : ''}`);
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
