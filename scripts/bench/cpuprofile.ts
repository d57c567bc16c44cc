/** Reads a V8 .cpuprofile (node --cpu-prof): self time per function, the heaviest first. */
import fs from 'fs';
import path from 'path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export interface SelfTime {
  what: string;
  ms: number;
  share: number;
}

/** The `top` functions by self time of `file` (ms and share of the profile's samples, idle included). */
export function topSelf(file: string, top = 15): { totalMs: number; idleMs: number; rows: SelfTime[] } {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] };
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const perSample = totalMs / Math.max(1, profile.samples.length);
  const byKey = new Map<string, number>();
  let idle = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (!hits) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idle += hits;
      continue;
    }
    const where = url
      ? `${url
          .replace(/^file:\/\//, '')
          .replace(/^.*node_modules\//, '~/')
          .replace(`${path.resolve(__dirname, '..', '..')}/`, '')}:${lineNumber + 1}`
      : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    byKey.set(key, (byKey.get(key) ?? 0) + hits);
  }
  const rows = [...byKey.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([what, hits]) => ({ what, ms: hits * perSample, share: hits / profile.samples.length }));
  return { totalMs, idleMs: idle * perSample, rows };
}
