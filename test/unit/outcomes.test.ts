/**
 * The sending worker's outcome writer (campaigns/outcomes.ts): mails sent but not yet recorded —
 * the crash window — never exceed one batch; outcomes that arrive while a write is running are
 * written together by the next one; a failed write loses nothing.
 */
import { OutcomeWriter, type Outcome } from '../../src/plugins/segmentation/server/src/campaigns/outcomes';

const sent = (id: number): Outcome => ({ kind: 'sent', id, messageId: `<${id}>`, at: id, version: 'v1' });
const tick = () => new Promise((r) => setImmediate(r));

/** A write that waits until the test lets it finish (or fail). */
function gatedWrites() {
  const groups: number[][] = [];
  let open: { resolve: () => void; reject: (e: Error) => void } | null = null;
  const arrivals: (() => void)[] = [];
  const write = (group: Outcome[]) =>
    new Promise<void>((resolve, reject) => {
      groups.push(group.map((o) => o.id));
      open = { resolve, reject };
      for (const arrived of arrivals.splice(0)) arrived();
    });
  return {
    groups,
    write,
    /** Resolves once `n` writes have begun (the test's timeout is the deadline). */
    begun: (n: number) =>
      new Promise<void>((resolve) => {
        const check = () => (groups.length >= n ? resolve() : arrivals.push(check));
        check();
      }),
    finish: async () => {
      open!.resolve();
      await tick();
    },
    fail: async () => {
      open!.reject(new Error('database gone'));
      await tick();
    },
  };
}

test('no more than `window` mails are sent but unrecorded: the next reserve waits for a write', async () => {
  const db = gatedWrites();
  const writer = new OutcomeWriter(db.write, 3);
  for (let id = 1; id <= 3; id++) await writer.reserve();
  let fourth = false;
  const waiting = writer.reserve().then(() => (fourth = true));
  writer.add(sent(1));
  writer.add(sent(2));
  await tick();
  expect(writer.unrecorded).toBe(3);
  expect(fourth).toBe(false); // the window is full until a write commits
  await db.finish(); // group [1]
  await waiting;
  expect(fourth).toBe(true);
  expect(writer.unrecorded).toBe(3); // 2 and 3 still open, plus the fourth
});

test('outcomes that arrive during a write are written together by the next one', async () => {
  const db = gatedWrites();
  const writer = new OutcomeWriter(db.write, 10);
  for (let id = 1; id <= 5; id++) await writer.reserve();
  writer.add(sent(1));
  writer.add(sent(2));
  writer.add(sent(3));
  writer.add(sent(4));
  await tick();
  await db.finish();
  await tick();
  writer.add(sent(5));
  await db.finish();
  await db.finish();
  expect(db.groups).toEqual([[1], [2, 3, 4], [5]]);
  expect(writer.unrecorded).toBe(0);
});

test('a failed write is tried again with the same outcomes, and the window stays full meanwhile', async () => {
  const db = gatedWrites();
  const errors: string[] = [];
  const writer = new OutcomeWriter(db.write, 1, (e) => errors.push(e.message), 1);
  await writer.reserve();
  writer.add(sent(7));
  await tick();
  await db.fail();
  expect(writer.unrecorded).toBe(1);
  await db.begun(2); // the retry
  expect(db.groups).toEqual([[7], [7]]);
  await db.finish();
  await writer.drain();
  expect(errors).toEqual(['database gone']);
  expect(writer.unrecorded).toBe(0);
});

test('stop() writes what is pending once and then gives up on a database that stays away', async () => {
  const groups: number[][] = [];
  const writer = new OutcomeWriter(
    async (group) => {
      groups.push(group.map((o) => o.id));
      throw new Error('down');
    },
    5,
    () => undefined,
    1,
  );
  await writer.reserve();
  await writer.stop();
  writer.add(sent(9));
  await writer.drain();
  expect(groups).toEqual([[9]]);
});
