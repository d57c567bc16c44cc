import fs from 'fs';
import { readPdf, linesOf } from '../test/helpers/pdf-text';
(async () => {
  const pages = await readPdf(fs.readFileSync(process.argv[2]!));
  pages.forEach((p, i) => { console.log('--- page', i + 1, p.width.toFixed(1), p.height.toFixed(1)); for (const l of linesOf(p)) console.log(l.x.toFixed(1), l.y.toFixed(1), l.right.toFixed(1), l.runs.map(r=>r.size.toFixed(1)+(r.bold?'b':'')).join(','), JSON.stringify(l.text)); });
})();
