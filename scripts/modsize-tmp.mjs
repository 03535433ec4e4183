import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import sm from 'source-map-js';
const dir = process.argv[2];
const file = readdirSync(dir).find((f) => f.startsWith(process.argv[3]) && f.endsWith(".js"));
const code = readFileSync(`${dir}/${file}`, 'utf8');
const map = new sm.SourceMapConsumer(JSON.parse(readFileSync(`${dir}/${file}.map`, 'utf8')));
const bySource = {};
const lines = code.split('\n');
map.eachMapping((m) => {}, null);
// attribute each generated char range to its source
const mappings = [];
map.eachMapping((m) => mappings.push(m));
mappings.sort((a, b) => a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn);
for (let i = 0; i < mappings.length; i++) {
  const m = mappings[i], n = mappings[i + 1];
  const line = lines[m.generatedLine - 1] ?? '';
  const end = n && n.generatedLine === m.generatedLine ? n.generatedColumn : line.length;
  const src = m.source ?? '?';
  bySource[src] = (bySource[src] ?? '') + line.slice(m.generatedColumn, end);
}
const rows = Object.entries(bySource).map(([s, t]) => [s.replace(/.*node_modules\//, 'nm/').replace(/.*\/src\//, 'src/'), t.length, gzipSync(t).length]);
rows.sort((a, b) => b[1] - a[1]);
for (const r of rows.slice(0, 45)) console.log(r[1], r[2], r[0]);
