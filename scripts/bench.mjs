// `make bench`: the figures the issues ask for, as a table and in target/bench.json.
// Sizes of dist/ (raw, gzip -9, brotli), first-visit transfer, cold start-up to the
// interactive start screen (median of 5, Chromium throttled 4x and unthrottled), and the
// core's own figures (engine decision time, storage cost) from its bench binaries.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { startServer, launch } from '../tests/e2e/helpers.mjs';

const DIST = 'dist';
const rows = [];
const json = { generated_at: new Date().toISOString(), sizes: {}, startup_ms: {}, core: {} };
const kb = (n) => (n / 1024).toFixed(1) + ' KB';

// ---- sizes
function sizes(file) {
  const buf = fs.readFileSync(file);
  return {
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}
const files = fs.readdirSync(DIST).filter((f) => fs.statSync(path.join(DIST, f)).isFile() && f !== '404.html');
const kinds = { wasm: /\.wasm$/, js: /\.m?js$/, css: /\.css$/, html: /\.html$/, other: /./ };
const totals = {};
for (const f of files) {
  const kind = Object.keys(kinds).find((k) => kinds[k].test(f));
  const s = sizes(path.join(DIST, f));
  const t = (totals[kind] ??= { raw: 0, gzip: 0, brotli: 0, files: 0 });
  t.raw += s.raw; t.gzip += s.gzip; t.brotli += s.brotli; t.files += 1;
}
let firstVisit = 0;
for (const [kind, t] of Object.entries(totals)) {
  json.sizes[kind] = t;
  firstVisit += t.brotli;
  rows.push([`${kind} (${t.files} file${t.files > 1 ? 's' : ''})`, `${kb(t.raw)} raw / ${kb(t.gzip)} gzip / ${kb(t.brotli)} brotli`]);
}
json.sizes.first_visit_brotli = firstVisit;
rows.push(['first-visit transfer (brotli, all files)', kb(firstVisit)]);

// ---- start-up
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const srv = await startServer(DIST);
const browser = await launch();
try {
  for (const rate of [4, 1]) {
    const times = [];
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      if (rate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      await page.addInitScript(() => {
        new MutationObserver((_, obs) => {
          const h1 = document.querySelector('main h1');
          if (h1 && h1.textContent) { window.__startScreenAt = performance.now(); obs.disconnect(); }
        }).observe(document, { childList: true, subtree: true, characterData: true });
      });
      await page.goto(srv.origin + '/');
      await page.waitForFunction(() => window.__startScreenAt !== undefined, null, { timeout: 30000 });
      times.push(await page.evaluate(() => window.__startScreenAt));
      await context.close();
    }
    const key = rate > 1 ? `cold_${rate}x` : 'cold_1x';
    json.startup_ms[key] = { median: Math.round(median(times)), runs: times.map(Math.round) };
    rows.push([`start screen interactive, cold, ${rate}x CPU (median of 5)`, `${Math.round(median(times))} ms  [${times.map(Math.round).join(', ')}]`]);
  }
} finally {
  await browser.close();
  await srv.close();
}

// ---- the core's own figures (bench binaries print one JSON object on their last line)
for (const bin of ['engine_bench', 'storage_bench']) {
  if (!fs.existsSync(`core/src/bin/${bin}.rs`)) continue;
  const out = execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'waypoint-core', '--bin', bin], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const last = out.trim().split('\n').pop();
  const figures = JSON.parse(last);
  json.core[bin] = figures;
  for (const [k, v] of Object.entries(figures)) rows.push([`${bin}: ${k}`, String(v)]);
}

fs.mkdirSync('target', { recursive: true });
fs.writeFileSync('target/bench.json', JSON.stringify(json, null, 2) + '\n');
const w = Math.max(...rows.map((r) => r[0].length));
console.log(`| ${'figure'.padEnd(w)} | value |`);
console.log(`|${'-'.repeat(w + 2)}|-------|`);
for (const [k, v] of rows) console.log(`| ${k.padEnd(w)} | ${v} |`);
console.log('\nwritten: target/bench.json');
