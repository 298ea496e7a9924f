// Shared set-up for the end-to-end tier: a static server for dist/ on 127.0.0.1, Debian's
// Chromium driven by playwright-core (no browser download), a guard that fails any request
// leaving the page's origin, console-error capture, and axe-core checks.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { createServer, SUB_PATH } from '../../scripts/serve.mjs';

const require = createRequire(import.meta.url);
export const AXE_PATH = require.resolve('axe-core/axe.min.js');
export { SUB_PATH };

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
  '--disable-default-apps', '--disable-extensions', '--metrics-recording-only', '--mute-audio',
];

export async function startServer(dir = 'dist') {
  const server = createServer(dir);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { server, origin, close: () => new Promise((r) => server.close(r)) };
}

export function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/** A fresh context and page that record every problem the journeys must not have. */
export async function openPage(browser, origin, options = {}) {
  const context = await browser.newContext({ locale: 'en-US', ...options });
  const problems = { external: [], consoleErrors: [], pageErrors: [] };
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.origin === origin) return route.continue();
    problems.external.push(url.href);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => problems.pageErrors.push(String(e)));
  return { context, page, problems };
}

/** Every journey ends with this: nothing left the origin, nothing went wrong in the console. */
export function assertClean(problems) {
  assert.deepEqual(problems.external, [], 'requests left the origin');
  assert.deepEqual(problems.pageErrors, [], 'uncaught errors on the page');
  assert.deepEqual(problems.consoleErrors, [], 'console errors');
}

/** Waits until a rehearsal has left `steps` User Timing measures named `measure`. */
export function rehearsed(page, measure, steps) {
  return page.waitForFunction(([m, n]) => performance.getEntriesByName(m).length === n, [measure, steps], { timeout: 10000 });
}

/** Once the page that rehearses was left and shown again: the rehearsal did not run again
 * (still `steps` measures a while later). */
export async function assertRehearsedOnce(page, measure, steps) {
  await page.waitForTimeout(1500);
  assert.equal(await page.evaluate((m) => performance.getEntriesByName(m).length, measure), steps, 'once per page load');
}

/** Runs axe-core on the page; fails on any serious or critical violation. */
export async function assertAccessible(page, label) {
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  // Evaluated through the DevTools protocol: the page's Content-Security-Policy refuses
  // injected <script> tags (addScriptTag), as it should.
  if (!loaded) await page.evaluate(fs.readFileSync(AXE_PATH, 'utf8'));
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, [], `axe violations on ${label}`);
}

/** All of Waypoint's localStorage, to prove that a refused action changed nothing. */
export function storageSnapshot(page) {
  return page.evaluate(() => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i); out[k] = localStorage.getItem(k); }
    return out;
  });
}

/**
 * A learner's hot record as stored, read the way a program outside the app would: the
 * current generation of `waypoint:learner:<id>` ("<crc>.<saved_at>.<json>"), then, when the
 * learner's patch slot names that copy (same generation and CRC), the patch's edits applied in order
 * (`core/src/persistence/patch.rs`: [path, value] sets, [path] removes, [path, n, items]
 * drops n items from the front of a list and appends items). Also says whether a patch
 * applied. The first learner found when `id` is not given.
 */
export function storedRecord(page, id) {
  return page.evaluate((wanted) => {
    const slot = wanted ? `waypoint:learner:${wanted}` : Object.keys(localStorage).find((k) => /^waypoint:learner:[a-z0-9]+$/.test(k));
    const body = (s) => {
      const pointer = localStorage.getItem(s);
      if (!pointer) return null;
      const text = localStorage.getItem(`${s}@${pointer.split(':')[1]}`);
      return { pointer, json: JSON.parse(text.slice(text.indexOf('.', 9) + 1)) };
    };
    const rec = body(slot).json;
    const patch = body(`${slot}:patch`);
    let patched = false;
    // A patch names its copy by generation and CRC: "wp3:<gen>:<prev>:<crc>".
    const identity = (p) => { const [, gen, , crc] = p.split(':'); return `${gen}:${crc}`; };
    if (patch && identity(patch.json.base) === identity(localStorage.getItem(slot))) {
      patched = true;
      rec.rev = patch.json.rev;
      for (const [name, [rev, edits]] of Object.entries(patch.json.sections)) {
        const section = (rec.sections[name] ??= { rev: 0, data: null });
        section.rev = rev;
        for (const edit of edits) {
          const path = edit[0];
          if (path.length === 0) { section.data = edit[1]; continue; }
          let at = section.data;
          for (const k of path.slice(0, -1)) at = at[k];
          const last = path[path.length - 1];
          if (edit.length === 1) delete at[last];
          else if (edit.length === 2) at[last] = edit[1];
          else at[last] = at[last].slice(edit[1]).concat(edit[2]);
        }
      }
    }
    return { record: rec, patched };
  }, id);
}

/** Presses Tab until the focused element matches, as a keyboard-only user would. */
export async function tabTo(page, matches, { max = 80, reverse = false } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(reverse ? 'Shift+Tab' : 'Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body || el === document.documentElement) return null;
      const labelled = el.getAttribute('aria-labelledby');
      const byLabel = el.id ? document.querySelector(`label[for="${el.id}"]`) : null;
      return {
        tag: el.tagName.toLowerCase(), id: el.id, type: el.getAttribute('type') || '', value: el.value || '',
        text: (el.innerText || el.textContent || '').trim().replace(/\s+/g, ' '),
        label: el.getAttribute('aria-label') || (labelled && document.getElementById(labelled)?.textContent) ||
          byLabel?.textContent || el.closest('label')?.textContent?.trim() || '',
      };
    });
    if (focused && matches(focused)) return focused;
  }
  throw new Error('could not reach the element by keyboard');
}

/** Waits until the app has rendered its first heading. */
export async function ready(page) {
  await page.locator('h1').first().waitFor({ state: 'visible', timeout: 20000 });
}
