/** Other processes seen through /proc (Linux): CPU time, peak RSS, PostgreSQL's backends. */
import fs from 'fs';
import path from 'path';
import { fork, spawn, type ChildProcess } from 'child_process';

const TICKS = 100; // USER_HZ

/** User + system CPU seconds of a process (and its waited-for children), 0 when it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / TICKS; // utime, stime
  } catch {
    return 0;
  }
}

/** Peak resident set size (VmHWM) in bytes. */
export function peakRss(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** CPU seconds of every process named `postgres` (the server and its backends) that is alive now. */
export function postgresCpu(): number {
  let total = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += cpuSeconds(Number(pid));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** Waits for a child's exit. */
export const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

export interface Sink {
  port: number;
  pid: number;
  count(): Promise<{ count: number; distinct: number; bytes: number }>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** A sink in its own process (a script answering `reset`, `stop` and its own questions over IPC). */
export function forkSink<T extends object>(
  script: string,
  questions: (ask: <A>(message: string) => Promise<A>) => T,
): Promise<T & { port: number; pid: number; reset(): Promise<void>; stop(): Promise<void> }> {
  const child = fork(path.join(__dirname, script), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = <A>(message: string) =>
    new Promise<A>((resolve) => {
      child.once('message', (m) => resolve(m as A));
      child.send(message);
    });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (m: { port: number }) =>
      resolve({
        ...questions(ask),
        port: m.port,
        pid: child.pid!,
        reset: async () => void (await ask('reset')),
        stop: async () => {
          child.send('stop');
          await exited(child);
        },
      }),
    );
  });
}

/** Starts scripts/bench/smtp-sink.js in its own process. */
export function startSink(): Promise<Sink> {
  return forkSink('smtp-sink.js', (ask) => ({ count: () => ask<{ count: number; distinct: number; bytes: number }>('count') }));
}

/**
 * `node scripts/worker.js` (the production sending worker) with the app's environment and
 * `preload` modules; with `profile`, a CPU profile and the query timing (scripts/bench/timing.js)
 * of the run. Resolves `started` once it says it runs.
 */
export function startWorker(env: Record<string, string>, opts: { preload?: string[]; profile?: { dir: string; name: string; timing: string } } = {}) {
  const { profile } = opts;
  if (profile) fs.mkdirSync(profile.dir, { recursive: true });
  const args = [
    ...(opts.preload ?? []),
    ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile.dir}`, `--cpu-prof-name=${profile.name}`, '-r', path.join(__dirname, 'timing.js')] : []),
  ];
  const child = spawn(process.execPath, [...args, path.join(__dirname, '..', 'worker.js')], {
    cwd: path.join(__dirname, '..', '..'),
    env: { ...process.env, ...env, BENCH_TIMING: profile ? profile.timing : '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const started = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('sending worker')) resolve();
    });
    child.stderr!.on('data', (d: Buffer) => {
      output += d.toString();
      process.stderr.write(`  [worker] ${d}`);
    });
    child.on('exit', (code) => reject(new Error(`worker exited (${code}) before it started:\n${output}`)));
  });
  return { child, started };
}

/**
 * CPU of the PostgreSQL backends serving one database, robust against other work on the same
 * server (other databases' backends are not counted): `start()` before, `stop()` after; backends
 * that connect in between count from zero. Backends that exit in between are missed.
 */
export function databaseCpu(backends: () => Promise<number[]>) {
  let before = new Map<number, number>();
  return {
    async start() {
      before = new Map((await backends()).map((pid) => [pid, cpuSeconds(pid)]));
    },
    async stop(): Promise<number> {
      return (await backends()).reduce((sum, pid) => sum + cpuSeconds(pid) - (before.get(pid) ?? 0), 0);
    },
  };
}

/** Resident set size now (VmRSS) in bytes. */
export function rss(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** Kills a benchmark's worker that still runs (SIGKILL) and waits for it to be gone. */
export async function killWorker(worker: { child: ChildProcess } | null): Promise<void> {
  if (worker && worker.child.exitCode === null && worker.child.signalCode === null) {
    worker.child.kill('SIGKILL');
    await exited(worker.child);
  }
}
