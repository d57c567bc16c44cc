/**
 * `npm run import -- <entity> <file>`: the HTTP import from the command line, straight into the
 * configured database (the app does not need to run; its tables must exist: start it once).
 * Format from the extension: .csv, or .ndjson/.jsonl. Prints a progress line, then the result.
 */
import fs from 'fs';
import { IMPORT_ENTITIES, importStream, isImportEntity } from '../src/plugins/segmentation/server/src/imports/service';
import { knexFromEnv } from './lib/knex';

async function main(): Promise<number> {
  const [entity, file] = process.argv.slice(2);
  if (!entity || !file || !isImportEntity(entity)) {
    console.error(`Usage: npm run import -- <entity> <file.csv|file.ndjson>\n  entity: ${IMPORT_ENTITIES.join(', ')}`);
    return 2;
  }
  const format = /\.csv$/i.test(file) ? 'csv' : /\.(nd)?jsonl?$|\.ndjson$/i.test(file) ? 'ndjson' : null;
  if (!format) {
    console.error(`Cannot tell the format of '${file}': use a .csv, .ndjson or .jsonl file`);
    return 2;
  }
  if (!fs.existsSync(file)) {
    console.error(`No such file: ${file}`);
    return 2;
  }
  const { knex, describe } = knexFromEnv();
  try {
    if (!(await knex.schema.hasTable('seg_meta'))) {
      console.error(`The audience tables do not exist in ${describe}: start the app once (npm run demo or npm run develop) to run the migrations.`);
      return 1;
    }
    const started = Date.now();
    const tty = process.stderr.isTTY;
    const result = await importStream(knex, entity, fs.createReadStream(file), format, {
      timeZone: process.env.SEGMENTATION_TIME_ZONE ?? 'Europe/Brussels',
      onProgress: (p) => {
        const secs = (Date.now() - started) / 1000;
        const line = `${entity}: ${p.lines.toLocaleString('en')} lines, ${Math.round(p.lines / Math.max(secs, 0.001)).toLocaleString('en')} lines/s, ${p.inserted} inserted, ${p.updated} updated, ${p.rejected} rejected`;
        process.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
      },
    });
    if (tty) process.stderr.write('\n');
    console.log(JSON.stringify(result, null, 2));
    return 0;
  } finally {
    await knex.destroy();
  }
}

main().then((code) => process.exit(code), (error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
