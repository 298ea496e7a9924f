// `make bench`: the figures the issues ask for, as a table and in target/bench.json, each
// beside the previous run's figure (from the target/bench.json found at start) and its budget.
// Sizes of dist/ (raw, gzip -9, brotli), first-visit transfer, cold start-up to the
// interactive start screen (median of 5, Chromium throttled 4x and unthrottled), the same
// two figures for the smallest app on the same stack (bench/floor, when built), warm start
// from the service worker (median of 5 at 4x), Lighthouse (mobile preset) on the start
// screen, a learner's home and the practice screen (median of LH_RUNS runs, default 5; LH_RUNS=0 skips it), and
// the core's own figures (engine decision time, storage cost) from its bench binaries.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startServer, launch, CHROMIUM_ARGS } from '../tests/e2e/helpers.mjs';

const DIST = 'dist';
const rows = [];
const json = { generated_at: new Date().toISOString(), sizes: {}, startup_ms: {}, lighthouse: {}, core: {} };
const kb = (n) => (n / 1024).toFixed(1) + ' KB';
let previous = {};
try { previous = JSON.parse(fs.readFileSync('target/bench.json', 'utf8')); } catch { /* first run */ }
const dig = (obj, keys) => keys.reduce((o, k) => (o == null ? undefined : o[k]), obj);
/** A row: label, value now, the previous run's value (same formatter) and the budget. */
function row(label, keys, format, budget) {
  const now = dig(json, keys);
  const before = dig(previous, keys);
  const ok = budget ? (budget.max !== undefined ? now <= budget.max : now >= budget.min) : undefined;
  const mark = budget ? `${ok ? 'ok' : 'OVER'} (${budget.max !== undefined ? '≤ ' + format(budget.max) : '≥ ' + format(budget.min)})` : '';
  rows.push([label, format(now), before === undefined ? '' : format(before), mark]);
}
/** The issues' targets for the core's figures: a next-item decision's p95 within 1 ms
 *  (#3), at most 16 characters stored per answer (#4). */
const CORE_BUDGET = { 'engine_bench.decision_p95_us': 1000, 'storage_bench.chars_per_attempt': 16, 'storage_bench.stored_chars_per_attempt': 16 };
const BUDGET = {
  wasm_brotli: { max: 120 * 1024 }, first_visit: { max: 250 * 1024 }, cold_4x: { max: 600 }, warm_4x: { max: 400 },
  performance: { min: 95 }, accessibility: { min: 100 }, 'best-practices': { min: 95 },
};

// ---- sizes
function sizes(file) {
  const buf = fs.readFileSync(file);
  return {
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}
// The files a first visit downloads (the service worker's precache list is the same set).
const notDownloaded = new Set(['404.html', '_headers']);
const files = fs.readdirSync(DIST).filter((f) => fs.statSync(path.join(DIST, f)).isFile() && !notDownloaded.has(f));
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
  const sizeText = (x) => (x ? `${kb(x.raw)} raw / ${kb(x.gzip)} gzip / ${kb(x.brotli)} brotli` : '');
  rows.push([`${kind} (${t.files} file${t.files > 1 ? 's' : ''})`, sizeText(t), sizeText(dig(previous, ['sizes', kind])), '']);
}
json.sizes.first_visit_brotli = firstVisit;
row('.wasm brotli', ['sizes', 'wasm', 'brotli'], kb, BUDGET.wasm_brotli);
row('first-visit transfer (brotli, all files)', ['sizes', 'first_visit_brotli'], kb, BUDGET.first_visit);
// The floor under those budgets: the smallest app on the same stack and release settings
// (bench/floor: Leptos 0.8, its router, serde_json; built by `make bench` into FLOOR).
const FLOOR = 'target/floor-dist';
const floorWasm = fs.existsSync(FLOOR) ? fs.readdirSync(FLOOR).find((f) => f.endsWith('.wasm')) : undefined;
if (floorWasm) {
  json.sizes.floor_wasm = sizes(path.join(FLOOR, floorWasm));
  row('floor: .wasm brotli of the smallest app on the same stack (bench/floor)', ['sizes', 'floor_wasm', 'brotli'], kb);
}

// ---- start-up
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const ms = (n) => `${n} ms`;
// Records when the start screen's heading first has text.
const startScreenObserver = () => {
  new MutationObserver((_, obs) => {
    const h1 = document.querySelector('main h1');
    if (h1 && h1.textContent) { window.__startScreenAt = performance.now(); obs.disconnect(); }
  }).observe(document, { childList: true, subtree: true, characterData: true });
};
/** Five cold starts of the page at `origin` (empty cache, CPU throttled `rate` times): when
 * its first screen's heading had text, each in a new context. */
async function coldStarts(browser, origin, rate) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (rate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await page.addInitScript(startScreenObserver);
    await page.goto(origin + '/');
    await page.waitForFunction(() => window.__startScreenAt !== undefined, null, { timeout: 30000 });
    times.push(await page.evaluate(() => window.__startScreenAt));
    await context.close();
  }
  return times;
}
const srv = await startServer(DIST);
const browser = await launch();
try {
  for (const rate of [4, 1]) {
    const times = await coldStarts(browser, srv.origin, rate);
    const key = rate > 1 ? `cold_${rate}x` : 'cold_1x';
    json.startup_ms[key] = { median: Math.round(median(times)), runs: times.map(Math.round) };
    row(`start screen interactive, cold, ${rate}x CPU (median of 5)`, ['startup_ms', key, 'median'], ms, rate > 1 ? BUDGET.cold_4x : undefined);
  }
  // The floor's first screen, measured the same way (its heading in <main>), cold at 4x.
  if (floorWasm) {
    const floor = await startServer(FLOOR);
    try {
      const times = await coldStarts(browser, floor.origin, 4);
      json.startup_ms.floor_cold_4x = { median: Math.round(median(times)), runs: times.map(Math.round) };
      row('floor: first screen, cold, 4x CPU, of the smallest app on the same stack (median of 5)', ['startup_ms', 'floor_cold_4x', 'median'], ms);
    } finally {
      await floor.close();
    }
  }
  // Warm start: a first visit installs the service worker, then five new pages in the same
  // profile start from it (no network used for the app's files), at 4x CPU.
  {
    const context = await browser.newContext();
    const first = await context.newPage();
    await first.goto(srv.origin + '/');
    await first.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
    await first.close();
    const times = [];
    for (let i = 0; i < 5; i++) {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.addInitScript(startScreenObserver);
      let fromServiceWorker = 0;
      page.on('response', (r) => { if (r.fromServiceWorker()) fromServiceWorker += 1; });
      await page.goto(srv.origin + '/');
      await page.waitForFunction(() => window.__startScreenAt !== undefined, null, { timeout: 30000 });
      times.push(await page.evaluate(() => window.__startScreenAt));
      if (fromServiceWorker === 0) throw new Error('warm start: nothing came from the service worker');
      await page.close();
    }
    await context.close();
    json.startup_ms.warm_4x = { median: Math.round(median(times)), runs: times.map(Math.round) };
    row('start screen interactive, warm from the service worker, 4x CPU (median of 5)', ['startup_ms', 'warm_4x', 'median'], ms, BUDGET.warm_4x);
  }
  // This machine's speed: a fixed script (no app code) timed in the same Chromium at 1x.
  // Timings vary between sessions' machines by up to 2x for the same build; a figure
  // compared with an earlier run's should be read against this one's change too.
  {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(srv.origin + '/favicon.svg');
    const times = [];
    for (let i = 0; i < 5; i++) {
      times.push(await page.evaluate(() => {
        const t0 = performance.now();
        let x = 12345;
        const nums = [];
        for (let k = 0; k < 200000; k++) { x = (x * 1103515245 + 12345) % 2147483648; nums.push(x); }
        nums.sort((a, b) => a - b);
        const objs = [];
        for (let k = 0; k < 2000; k++) objs.push({ id: 'skill-' + k, n: nums[k * 10], days: [k, k + 1, k + 2], ok: k % 3 === 0 });
        const back = JSON.parse(JSON.stringify(objs));
        if (back.length !== 2000) throw new Error('reference workload');
        return performance.now() - t0;
      }));
    }
    await context.close();
    json.machine = { reference_js_1x_ms: { median: Math.round(median(times)), runs: times.map(Math.round) } };
    row('machine reference: a fixed script (sort 200,000 numbers, JSON of 2,000 objects) in Chromium, 1x (median of 5)', ['machine', 'reference_js_1x_ms', 'median'], ms);
  }
} finally {
  await browser.close();
  await srv.close();
}

// ---- Lighthouse, mobile preset (its default: simulated slow 4G and 4x CPU), on Debian's
// Chromium with offline-safe flags, against dist/ served compressed as a real host would
const LH_RUNS = Number(process.env.LH_RUNS ?? 5);
if (LH_RUNS > 0) {
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const lhServer = await startCompressedServer(DIST);
  const categories = ['performance', 'accessibility', 'best-practices'];
  try {
    for (const target of ['start', 'home', 'practice']) {
      const runs = [];
      for (let i = 0; i < LH_RUNS; i++) {
        const chrome = await chromeLauncher.launch({
          chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
          chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
        });
        try {
          let url = lhServer.origin + '/';
          if (target !== 'start') url = await seedLearner(chrome.port, lhServer.origin);
          // The practice screen as a new learner first sees it (placement's welcome).
          if (target === 'practice') url = url.replace('/home?', '/practice?');
          const { lhr } = await lighthouse(url, {
            port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories,
            // The learner lives in localStorage: keep it (the seeding page removed the
            // service worker and its caches, so the app's files still come from the network).
            disableStorageReset: target !== 'start',
          });
          runs.push(Object.fromEntries(categories.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])));
        } finally {
          await chrome.kill();
        }
      }
      const label = { start: 'start screen', home: "learner's home", practice: 'practice screen' }[target];
      json.lighthouse[target] = { runs };
      for (const c of categories) {
        json.lighthouse[target][c] = median(runs.map((r) => r[c]));
        row(`Lighthouse ${c}, ${label} (median of ${LH_RUNS})`, ['lighthouse', target, c], String, BUDGET[c]);
      }
    }
  } finally {
    await lhServer.close();
  }
}

/** dist/ served with gzip (or brotli when asked), as a static host such as GitHub Pages or
 *  nginx with `gzip on` serves it: Lighthouse's simulated slow-4G network counts the bytes
 *  on the wire, and scripts/serve.mjs (a test server) does not compress. Same routing as
 *  serve.mjs at the root: files by name, any other path gets index.html. */
async function startCompressedServer(dir) {
  const http = await import('node:http');
  const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm',
    '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.webmanifest': 'application/manifest+json' };
  const cache = new Map();
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '');
    let file = path.join(dir, path.normalize(p || 'index.html'));
    if (!file.startsWith(path.resolve(dir)) && !file.startsWith(dir)) { res.writeHead(403).end(); return; }
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      if (path.extname(p)) { res.writeHead(404).end(); return; }
      file = path.join(dir, 'index.html');
    }
    const accepts = String(req.headers['accept-encoding'] || '');
    const enc = accepts.includes('br') ? 'br' : accepts.includes('gzip') ? 'gzip' : null;
    const key = file + ':' + enc;
    if (!cache.has(key)) {
      const raw = fs.readFileSync(file);
      cache.set(key, enc === 'br' ? zlib.brotliCompressSync(raw) : enc === 'gzip' ? zlib.gzipSync(raw, { level: 9 }) : raw);
    }
    const headers = { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' };
    if (enc) headers['Content-Encoding'] = enc;
    res.writeHead(200, headers).end(cache.get(key));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

/** Creates a learner in a fresh profile through the UI, removes the service worker and its
 *  caches (so Lighthouse measures a first load) and returns the learner's home URL. */
async function seedLearner(port, origin) {
  const cdpBrowser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const page = await cdpBrowser.contexts()[0].newPage();
  await page.goto(origin + '/');
  await page.getByLabel('Name', { exact: true }).fill('Ana');
  await page.getByRole('radio', { name: 'Owl' }).check();
  await page.getByRole('button', { name: 'Create' }).click();
  const link = page.getByRole('link', { name: /Open Ana's home/ });
  await link.waitFor();
  const href = new URL(await link.getAttribute('href'), origin).href;
  await page.evaluate(async () => {
    for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
    for (const k of await caches.keys()) await caches.delete(k);
  });
  await page.close();
  return href;
}

// ---- the core's own figures (bench binaries print one JSON object on their last line)
for (const bin of ['engine_bench', 'storage_bench']) {
  if (!fs.existsSync(`core/src/bin/${bin}.rs`)) continue;
  const out = execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'waypoint-core', '--bin', bin], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const last = out.trim().split('\n').pop();
  const figures = JSON.parse(last);
  json.core[bin] = figures;
  for (const [k, v] of Object.entries(figures)) {
    const budget = CORE_BUDGET[`${bin}.${k}`];
    const mark = budget === undefined ? '' : `${v <= budget ? 'ok' : 'OVER'} (≤ ${budget})`;
    rows.push([`${bin}: ${k}`, String(v), String(dig(previous, ['core', bin, k]) ?? ''), mark]);
  }
}

fs.mkdirSync('target', { recursive: true });
// The other scripts' sections (`storage`, `practice_4x_ms`, each with its own
// `measured_at`) are kept as they were: run alone, this script replaces only its own.
fs.writeFileSync('target/bench.json', JSON.stringify({ ...previous, ...json }, null, 2) + '\n');
const head = ['figure', 'now', `previous (${previous.generated_at ?? 'none'})`, 'budget'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
console.log(line(head));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
console.log('\nwritten: target/bench.json');
