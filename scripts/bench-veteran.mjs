// The learner with ten years of practice that `make bench` times (core/src/bin/bench_store.rs:
// 36,500 answers, and the record they leave), shared by bench-storage.mjs and
// bench-practice.mjs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

export const SNAPSHOT_FILE = path.join(os.tmpdir(), 'waypoint-bench-10y.json');

/** Makes the learner's localStorage snapshot afresh, ending the day before now; returns what bench_store printed last (JSON). */
export function makeSnapshot() {
  return JSON.parse(execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'waypoint-core', '--bin', 'bench_store', '--', SNAPSHOT_FILE, String(Date.now())], { encoding: 'utf8' }).trim().split('\n').pop());
}

/** The snapshot as JSON text (made when missing). */
export function snapshot() {
  if (!fs.existsSync(SNAPSHOT_FILE)) makeSnapshot();
  return fs.readFileSync(SNAPSHOT_FILE, 'utf8');
}

/** A page in a new browser context whose storage on the app's origin holds `json` (a snapshot); nothing of the app has run yet.
 *  `isolated`: the page is cross-origin isolated (COOP and COEP added to every response, the service worker kept out so that
 *  every response gets them), so that its timers resolve to 5 µs instead of 100 µs. */
export async function seededPage(browser, origin, json, { isolated = false } = {}) {
  const context = await browser.newContext(isolated ? { serviceWorkers: 'block' } : {});
  if (isolated) {
    await context.route('**/*', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } });
    });
  }
  const page = await context.newPage();
  await page.goto(origin + '/favicon.svg');
  await page.evaluate((text) => { for (const [k, v] of Object.entries(JSON.parse(text))) localStorage.setItem(k, v); }, json);
  return { context, page };
}
