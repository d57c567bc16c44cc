/**
 * The sending baseline, in its own process like the worker: pre-rendered messages (NDJSON, see
 * send-messages.ts) sent with a plain pooled nodemailer transport, `concurrency` in flight, to the
 * sink. Prints { sent, failed, ms, cpu, peakRss } as JSON on stdout.
 * Usage: node -r esbuild-register scripts/bench/send-baseline.ts FILE PORT MAX_CONNECTIONS CONCURRENCY
 */
import fs from 'fs';
import readline from 'readline';
import nodemailer from 'nodemailer';
import { peakRss } from './proc';

async function main(): Promise<void> {
  const [file, port, maxConnections, concurrency] = process.argv.slice(2);
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: Number(port), secure: false, pool: true, maxConnections: Number(maxConnections) });
  const lines = readline.createInterface({ input: fs.createReadStream(file!, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  // A bounded queue between the file and the lanes: reading never waits for sending, nor the reverse.
  const queue: string[] = [];
  let done = false;
  const waiting: (() => void)[] = [];
  const wake = () => waiting.splice(0).forEach((resolve) => resolve());
  lines.on('line', (line) => {
    queue.push(line);
    if (queue.length >= 2_000) lines.pause();
    wake();
  });
  lines.on('close', () => {
    done = true;
    wake();
  });
  let sent = 0;
  let failed = 0;
  const cpu0 = process.cpuUsage();
  const started = process.hrtime.bigint();
  const lane = async () => {
    for (;;) {
      const line = queue.shift();
      if (queue.length < 500) lines.resume();
      if (line === undefined) {
        if (done) return;
        await new Promise<void>((resolve) => waiting.push(resolve));
        continue;
      }
      try {
        await transport.sendMail(JSON.parse(line));
        sent++;
      } catch (error) {
        if (failed++ < 3) process.stderr.write(`baseline: ${(error as Error).message}\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: Number(concurrency) }, lane));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  transport.close();
  process.stdout.write(`${JSON.stringify({ sent, failed, ms, cpu: (cpu.user + cpu.system) / 1e6, peakRss: peakRss(process.pid) })}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
