// `make bench`, storage part: opening a learner with ten years of history in Chromium with
// the CPU throttled 4x (median of 5), from a localStorage snapshot the core's vault wrote
// (core/src/bin/bench_store.rs: the history, and the record ten years of answers leave,
// replayed through the engine and the rewards). Adds its rows to target/bench.json.
import fs from 'node:fs';
import { startServer, launch } from '../tests/e2e/helpers.mjs';
import * as tenYears from './bench-veteran.mjs';

const made = tenYears.makeSnapshot();
const snapshot = tenYears.snapshot();
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

const srv = await startServer('dist');
const browser = await launch();
const times = [];
const switches = [];
const completes = [];
// Traced switches (the trace slows them a little): how much of the switch is the browser
// compiling the .wasm's functions on their first call (V8 compiles lazily, so the first
// visit to a page pays for compiling the code only that page runs).
const traced = [];
try {
  for (let i = 0; i < 5; i++) {
    // Seed storage on the app's origin first, then time a fresh load of the learner's home.
    const { context, page } = await tenYears.seededPage(browser, srv.origin, snapshot);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.addInitScript(() => {
      new MutationObserver((_, obs) => {
        const h1 = document.querySelector('main h1');
        if (h1 && h1.textContent.includes('Ten Years') && document.querySelector('main .nav-card--practice')) {
          obs.disconnect();
          requestAnimationFrame(() => setTimeout(() => { window.__usableAt = performance.now(); }, 0));
        }
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
    await page.goto(srv.origin + '/home?l=bench10y');
    await page.waitForFunction(() => window.__usableAt !== undefined, null, { timeout: 30000 });
    times.push(await page.evaluate(() => window.__usableAt));
    await context.close();
  }
  // The same learner opened from the start screen of a running app (the app already
  // started): what ten years of history cost when a child picks their card.
  for (let i = 0; i < 8; i++) {
    const trace = i >= 5;
    const { context, page } = await tenYears.seededPage(browser, srv.origin, snapshot);
    await page.goto(srv.origin + '/');
    const open = page.locator('.learner-card__open').first();
    await open.waitFor();
    // Half a second for the start screen to settle (its own deferred work), as a child takes
    // at least that long to find and tap their card.
    await page.waitForTimeout(500);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const events = [];
    let traceDone;
    if (trace) {
      cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
      traceDone = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.start', { categories: 'blink.user_timing,v8.wasm', transferMode: 'ReportEvents' });
    }
    // Usable: the greeting and the ways in (practice first) painted; complete: the learner's
    // progress below them painted too (it is drawn after the first paint). "Painted": a
    // task queued from the next animation frame, which runs once that frame is drawn.
    const [usable, complete] = await page.evaluate(() => new Promise((resolve) => {
      const t0 = performance.now();
      performance.mark('wp-switch-start');
      const out = [];
      const painted = (i) => requestAnimationFrame(() => setTimeout(() => {
        out[i] = performance.now() - t0;
        if (i === 0) performance.mark('wp-switch-usable');
        if (out[0] !== undefined && out[1] !== undefined) resolve(out);
      }, 0));
      let seen = 0;
      new MutationObserver((_, obs) => {
        const h1 = document.querySelector('main h1');
        if (!(seen & 1) && h1 && h1.textContent.includes('Ten Years') && document.querySelector('main .nav-card--practice')) {
          seen |= 1;
          painted(0);
        }
        if (!(seen & 2) && document.querySelector('main .motivation .stat--streak')) {
          seen |= 2;
          painted(1);
        }
        if (seen === 3) obs.disconnect();
      }).observe(document, { childList: true, subtree: true, characterData: true });
      document.querySelector('.learner-card__open').click();
    }));
    if (trace) {
      await cdp.send('Tracing.end');
      await traceDone;
      const mark = (name) => events.find((e) => e.name === name)?.ts;
      const [from, to] = [mark('wp-switch-start'), mark('wp-switch-usable')];
      const lazy = events.filter((e) => e.name === 'wasm.CompileLazy' && e.ph === 'X' && e.ts >= from && e.ts <= to);
      traced.push({ usable, lazy_ms: lazy.reduce((sum, e) => sum + e.dur / 1000, 0), functions: lazy.length });
    } else {
      switches.push(usable);
      completes.push(complete);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await srv.close();
}

const file = 'target/bench.json';
const json = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
json.storage = {
  measured_at: new Date().toISOString(),
  ten_years: made,
  open_learner_home_4x_ms: { median: Math.round(median(times)), runs: times.map(Math.round) },
  switch_to_learner_home_4x_ms: { median: Math.round(median(switches)), runs: switches.map(Math.round) },
  switch_to_learner_home_complete_4x_ms: { median: Math.round(median(completes)), runs: completes.map(Math.round) },
  switch_traced_lazy_compile_4x: traced.map((t) => ({ usable_ms: Math.round(t.usable), lazy_compile_ms: Math.round(t.lazy_ms), functions: t.functions })),
};
const tracedMedian = [...traced].sort((a, b) => a.usable - b.usable)[Math.floor(traced.length / 2)];
fs.mkdirSync('target', { recursive: true });
fs.writeFileSync(file, JSON.stringify(json, null, 2) + '\n');
const rows = [
  ['ten years of history in localStorage', `${made.attempts} answers, ${made.keys} keys, ${made.chars} characters (${(made.chars / made.attempts).toFixed(1)} per answer, keys included); the learner's record (model of ${made.skills_in_model} skills, motivation, mastery log): ${made.hot_record_chars} characters`],
  ['learner with 10 years of history: characters written to storage per answer (attempt and record; 30 answers, native)', `${made.answer_chars_written.patches} by patches between whole copies (${made.answer_chars_written.whole} rewriting the record whole each time); native save, JSON building included (median): ${made.answer_save_native_us.parts_tidied} µs (longest ${made.answer_save_native_us.parts_tidied_max} µs) as the app saves it, the model by its changed parts and storage tidied between answers (${made.answer_chars_written.parts_tidied} characters per answer, tidies included); ${made.answer_save_native_us.parts} µs (longest ${made.answer_save_native_us.parts_max} µs) without tidying; ${made.answer_save_native_us.patches} µs with every section whole; ${made.answer_save_native_us.whole} µs rewriting the record whole`],
  ['learner home usable (greeting and the ways in painted) with 10 years of history, cold page load, 4x CPU (median of 5)', `${Math.round(median(times))} ms  [${times.map(Math.round).join(', ')}]`],
  ['learner with 10 years of history: card clicked -> home usable (greeting and the ways in painted) in the running app, 4x CPU (median of 5)', `${Math.round(median(switches))} ms  [${switches.map(Math.round).join(', ')}]; target ≤ 100 ms: ${median(switches) <= 100 ? 'ok' : 'OVER'}`],
  ['the same, until the progress panel below is painted too', `${Math.round(median(completes))} ms  [${completes.map(Math.round).join(', ')}]`],
  ['of the switch, the browser compiling .wasm functions on their first call (3 traced switches, the median one)', `${Math.round(tracedMedian.lazy_ms)} ms of ${Math.round(tracedMedian.usable)} ms, ${tracedMedian.functions} functions  [${traced.map((t) => `${Math.round(t.lazy_ms)}/${Math.round(t.usable)}`).join(', ')}]`],
];
for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
