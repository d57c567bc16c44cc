/**
 * Template checks and previews render synchronously (each within its time budget, personalise.ts).
 * Requests arriving together would still run their renders back to back in one event-loop turn;
 * this lane runs one such job per turn, so between two budgets the server answers everything else.
 */
const queue: (() => void)[] = [];
let running = false;

function runNext(): void {
  const job = queue.shift();
  if (!job) {
    running = false;
    return;
  }
  job();
  setImmediate(runNext); // queued from a check-phase callback: runs in the next turn, after timers and I/O
}

/** Runs `work` (synchronous, bounded) in its own event-loop turn, after the jobs queued before it. */
export function inRenderLane<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    queue.push(() => {
      try {
        resolve(work());
      } catch (err) {
        reject(err);
      }
    });
    if (!running) {
      running = true;
      setImmediate(runNext);
    }
  });
}
