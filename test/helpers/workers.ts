/**
 * Sending workers in their own processes (`scripts/worker.js`), as `npm run worker` starts them:
 * for the tests of what happens when a worker dies (`kill -9`) or several run at once.
 */
import path from 'path';
import { spawn, type ChildProcess } from 'child_process';

const ROOT = path.resolve(__dirname, '..', '..');

export interface WorkerProcesses {
  /** Starts a worker with this process's environment plus `env`; resolves once it runs. */
  start(env?: Record<string, string>): Promise<ChildProcess>;
  /** Kills every worker still running (SIGKILL). */
  killAll(): void;
}

export function workerProcesses(): WorkerProcesses {
  const children = new Set<ChildProcess>();
  return {
    start(env = {}) {
      const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'worker.js')], {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.add(child);
      let output = '';
      return new Promise((resolve, reject) => {
        child.stdout!.on('data', (d: Buffer) => {
          output += d.toString();
          if (output.includes('sending worker')) resolve(child);
        });
        child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
        child.on('exit', (code) => reject(new Error(`worker exited (${code}) before it started:\n${output}`)));
      });
    },
    killAll() {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    },
  };
}

/** Resolves when the process has exited (at once when it already has). */
export const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
