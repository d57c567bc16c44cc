/**
 * The SMS baseline, in its own process like the worker: the pre-rendered SMS (NDJSON of
 * { to, from, text, reference }, see sms-data.ts renderSms; read into memory before the clock
 * starts) sent with the server's own SMPP client (sms/providers/smpp.ts SmppProvider, the same
 * window) to the sink, as fast as the window allows: 2 × window sends are kept waiting on the
 * provider, so its window of unanswered submit_sm is never empty while there is work. Bound before
 * the clock starts (the worker binds at its start too). Prints { sent, failed, ms, cpu, peakRss }
 * as JSON on stdout.
 * Usage: node -r esbuild-register scripts/bench/sms-baseline.ts FILE PORT WINDOW
 */
import fs from 'fs';
import { SmppProvider } from '../../src/plugins/segmentation/server/src/sms/providers/smpp';
import type { SmsMessage } from '../../src/plugins/segmentation/server/src/sms/provider';
import { peakRss } from './proc';

async function main(): Promise<void> {
  const [file, port, window] = process.argv.slice(2);
  const messages = fs
    .readFileSync(file!, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SmsMessage);
  const provider = new SmppProvider({ host: '127.0.0.1', port: Number(port), systemId: 'bench', password: 'bench', window: Number(window) });
  await provider.open();
  let next = 0;
  let sent = 0;
  let failed = 0;
  const cpu0 = process.cpuUsage();
  const started = process.hrtime.bigint();
  const lane = async () => {
    while (next < messages.length) {
      const msg = messages[next++]!;
      try {
        await provider.send(msg);
        sent++;
      } catch (error) {
        if (failed++ < 3) process.stderr.write(`baseline: ${(error as Error).message}\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: 2 * Number(window) }, lane));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  await provider.close();
  process.stdout.write(`${JSON.stringify({ sent, failed, ms, cpu: (cpu.user + cpu.system) / 1e6, peakRss: peakRss(process.pid) })}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
