/**
 * `node -r esbuild-register scripts/bench-letters.ts [--letters 10000]`
 *
 * The post channel's letters (issue 20): N personalised letters (template rendered per holder,
 * laid out with header, sender, window address, date, subject, body with bold, signature and
 * footer) written by `writeLetters` into one PDF file, against a baseline in the same run: the
 * same letters' text written with one plain `doc.text` per page into a PDF with the same fonts.
 * Both stream to a file in os.tmpdir() (removed afterwards). RSS is sampled every 100 ms; growth
 * is the peak minus the RSS after a full GC just before. Prints markdown and puts it in
 * docs/performance.md (between `<!-- bench:letters -->` markers).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { once } from 'events';
import { writeLetters, type LetterLayout } from '../src/plugins/segmentation/server/src/post/letters';
import { renderLetterInputs, type PostRecipient } from '../src/plugins/segmentation/server/src/post/letter-template';
import { sortForPost } from '../src/plugins/segmentation/server/src/post/address';
import { houseStyleOf } from '../src/plugins/segmentation/server/src/templates/house-styles';
import { FONT, mm, newDocument } from '../src/plugins/segmentation/server/src/post/pdf';
import { writeDoc } from './bench/report';
import { flag, fmt, log, mb, measure } from './bench/util';

const LETTERS = flag('letters', 10_000);
const MARKER = '<!-- bench:letters -->';
const TARGET = { secs: 30, rssMb: 256 };

const FIRST = ['An', 'Jan', 'Zoë', 'Mohamed', 'Els', 'Pieter', 'Fatima', 'Lotte', 'Wout', 'Marie-Christine'];
const LAST = ['Peeters', 'Janssens', 'Maes', 'Van den Bossche', 'El Amrani', 'Claes', 'De Smet', 'Vermeulen-Vandenberghe'];
const STREETS = ['Kerkstraat', 'Stationsstraat', 'Burgemeester Van Gansberghelaan', 'Markt', 'Dorpsstraat', 'Sint-Pietersnieuwstraat'];

function recipients(n: number): PostRecipient[] {
  return Array.from({ length: n }, (_, i) => ({
    uid: `uid-${String(i).padStart(8, '0')}`,
    firstName: FIRST[i % FIRST.length]!,
    lastName: LAST[(i * 7) % LAST.length]!,
    email: null,
    points: (i * 13) % 250,
    language: 'nl',
    cardSystem: { key: 'gent', name: 'UiTPAS Gent' },
    street: `${STREETS[(i * 3) % STREETS.length]} ${1 + (i % 180)}${i % 9 === 0 ? ' bus 2' : ''}`,
    postcode: String(1000 + ((i * 7919) % 8990)),
    city: 'Gemeente',
  }));
}

const TEMPLATE = {
  subject: 'Je UiTPAS-voordelen in {{ kaartsysteem }}, {{ voornaam }}',
  body: [
    'Beste {{ voornaam }} {{ naam }},',
    'Met je UiTPAS krijg je korting op cultuur, sport en jeugdwerk in je stad. Je spaart punten bij elke deelname en ruilt ze in voor voordelen bij de organisatoren in de buurt. Je hebt op dit moment **{{ punten }} punten** op je kaart.',
    'Dit najaar zijn er nieuwe voordelen: een gratis ticket voor een voorstelling naar keuze, korting op een cursus in het cultureel centrum en een dagje zwemmen voor het hele gezin. Kijk op de website voor de volledige lijst en de voorwaarden van elk voordeel.',
    'Heb je vragen over je kaart, je punten of je kansentarief? Kom langs aan de balie van het UiTPAS-punt of bel ons tijdens de kantooruren. We helpen je graag verder, ook als je je kaart verloren bent of je gegevens wil aanpassen.',
    'Je pasnummer is {{ uid }}.',
  ].join('\n\n'),
  signature: 'Met vriendelijke groeten,\n\nHet UiTPAS-team van {{ kaartsysteem }}',
};

const LAYOUT: LetterLayout = {
  houseStyle: houseStyleOf('uitpas-gent'),
  sender: { name: 'UiTPAS Gent', lines: ['Botermarkt 1', '9000 Gent', 'uitpas@gent.be'] },
  place: 'Gent',
  date: new Date('2026-12-07T09:00:00Z'),
  language: 'nl',
};

async function toolRun(file: string, holders: PostRecipient[]) {
  const out = fs.createWriteStream(file);
  return writeLetters(out, renderLetterInputs(TEMPLATE, holders), LAYOUT);
}

/** The same rendered text, one `doc.text` per letter on its own page (pdfkit wraps; more pages when it overflows). */
async function baselineRun(file: string, holders: PostRecipient[]) {
  const doc = newDocument('Baseline');
  const out = fs.createWriteStream(file);
  doc.pipe(out);
  let pages = 0;
  doc.on('pageAdded', () => (pages += 1));
  for await (const l of renderLetterInputs(TEMPLATE, holders)) {
    doc.addPage({ size: 'A4', margin: mm(20) });
    const text = [l.name, l.street, `${l.postcode} ${l.city}`, '', l.subject, '', l.body.replace(/\*\*/g, ''), '', l.signature ?? ''].join('\n');
    doc
      .font(FONT)
      .fontSize(10)
      .text(text, mm(20), mm(20), { width: mm(170) });
    if (out.writableNeedDrain) await once(out, 'drain');
  }
  doc.end();
  await once(out, 'finish');
  return { pages, letters: holders.length };
}

(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-letters-'));
  try {
    const holders = sortForPost(recipients(LETTERS));
    const loadBefore = os.loadavg()[0]!;
    const tool = await measure(() => toolRun(path.join(dir, 'letters.pdf'), holders));
    const toolSize = fs.statSync(path.join(dir, 'letters.pdf')).size;
    log(`tool: ${fmt(tool.ms / 1000, 2)} s, ${tool.value.pages} pages, RSS +${mb(tool.rssPeak - tool.rssBefore)} MB`);
    const base = await measure(() => baselineRun(path.join(dir, 'baseline.pdf'), holders));
    const baseSize = fs.statSync(path.join(dir, 'baseline.pdf')).size;
    log(`baseline: ${fmt(base.ms / 1000, 2)} s, ${base.value.pages} pages, RSS +${mb(base.rssPeak - base.rssBefore)} MB`);

    const secs = tool.ms / 1000;
    const growth = mb(tool.rssPeak - tool.rssBefore);
    const met = (ok: boolean) => (ok ? 'yes' : '**no**');
    const md = [
      `### Letters: latest run ${new Date().toISOString().slice(0, 10)}`,
      '',
      `- Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}); Node ${process.version}; 1-min load average before the run ${fmt(loadBefore, 2)}.`,
      `- Command: \`node -r esbuild-register scripts/bench-letters.ts --letters ${LETTERS}\`; one run each, the tool first.`,
      '',
      '| measure | tool (`writeLetters`) | baseline (one `doc.text` a letter) | target | met |',
      '| --- | ---: | ---: | ---: | :---: |',
      `| letters | ${fmt(tool.value.letters)} | ${fmt(base.value.letters)} | | |`,
      `| pages | ${fmt(tool.value.pages)} | ${fmt(base.value.pages)} | | |`,
      `| time | ${fmt(secs, 2)} s | ${fmt(base.ms / 1000, 2)} s | ≤ ${TARGET.secs} s | ${met(secs <= TARGET.secs)} |`,
      `| letters per second | ${fmt(tool.value.letters / secs)} | ${fmt(base.value.letters / (base.ms / 1000))} | | |`,
      `| tool / baseline (time) | ${fmt(tool.ms / base.ms, 2)}× | | | |`,
      `| RSS growth (peak − start) | ${growth} MB | ${mb(base.rssPeak - base.rssBefore)} MB | ≤ ${TARGET.rssMb} MB | ${met(growth <= TARGET.rssMb)} |`,
      `| file size | ${fmt(toolSize / 1_048_576, 1)} MB | ${fmt(baseSize / 1_048_576, 1)} MB | | |`,
    ].join('\n');
    process.stdout.write(`${md}\n`);
    writeDoc(md, MARKER);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
