/** `npm run import -- <entity> <file>` imports into the configured database and reports the result. */
import { execFile } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { promisify } from 'util';
import { createTestDb, type TestDb } from '../helpers/db';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');
let db: TestDb;
let dir: string;

beforeAll(async () => {
  db = await createTestDb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segcli-'));
});
afterAll(async () => {
  await db?.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[]) =>
  run('node', ['-r', 'esbuild-register', 'scripts/import.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', DATABASE_CLIENT: '', ...db.env },
  });

test('imports a CSV and an NDJSON file, printing progress and the result', async () => {
  fs.writeFileSync(path.join(dir, 'cs.csv'), 'key,name\ngent,UiTPAS Gent\nleuven,UiTPAS Leuven\n');
  fs.writeFileSync(
    path.join(dir, 'holders.ndjson'),
    ['{"uid":"u1","firstName":"An","lastName":"P","cardSystems":["gent"]}', '{"uid":"u2","firstName":"B","lastName":"Q","cardSystems":["nope"]}'].join('\n'),
  );
  const a = await cli(['card-systems', path.join(dir, 'cs.csv')]);
  expect(JSON.parse(a.stdout)).toMatchObject({ entity: 'card-systems', received: 2, inserted: 2 });
  expect(a.stderr).toMatch(/card-systems: 3 lines/);
  const b = await cli(['pass-holders', path.join(dir, 'holders.ndjson')]);
  expect(JSON.parse(b.stdout)).toMatchObject({ inserted: 1, rejected: [{ line: 2, error: expect.stringContaining("unknown card system 'nope'") }] });
  expect(Number((await db.knex('seg_holders').count({ n: '*' }))[0]!.n)).toBe(1);
});

test('without the audience tables it says to start the app once, and exits with 1', async () => {
  const empty = path.join(dir, 'empty.db');
  fs.writeFileSync(empty, '');
  fs.writeFileSync(path.join(dir, 'x.csv'), 'key,name\n');
  const env = { ...process.env, DATABASE_URL: '', DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: empty };
  await expect(run('node', ['-r', 'esbuild-register', 'scripts/import.ts', 'card-systems', path.join(dir, 'x.csv')], { cwd: ROOT, env })).rejects.toMatchObject(
    {
      code: 1,
      stderr: expect.stringContaining('start the app once'),
    },
  );
});

test('usage errors exit with 2 and say why', async () => {
  await expect(cli(['people', 'x.csv'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('Usage') });
  await expect(cli(['actions', path.join(dir, 'missing.csv')])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('No such file') });
  await expect(cli(['actions', path.join(dir, 'cs.txt')])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('.csv, .ndjson or .jsonl') });
});
