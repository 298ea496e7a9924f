// Offline, installable and private: the service worker serves the app with no network after
// the first visit (at the root and under /waypoint/), a new build is offered with a calm
// "Update" prompt and never reloads by itself, and the Content-Security-Policy blocks
// inline script. Each journey serves its own copy of dist/ (so a "new build" can be made by
// rewriting a file) behind a switch that makes the server unreachable, on top of
// Playwright's setOffline, so "offline" really means no server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { createServer } from '../../scripts/serve.mjs';
import { launch, openPage, assertClean, assertAccessible, ready, SUB_PATH } from './helpers.mjs';
import { itemText, placeBySkipping, answerByKeyboard } from './journeys.mjs';

let browser;
const cleanups = [];
before(async () => { browser = await launch(); });
after(async () => {
  await browser?.close();
  for (const c of cleanups.reverse()) await c();
});

/** A copy of dist/ served on 127.0.0.1; `down()` makes it refuse every connection. */
async function serveCopy() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waypoint-dist-'));
  fs.cpSync('dist', dir, { recursive: true });
  const handle = createServer(dir).listeners('request')[0];
  let up = true;
  const sockets = new Set();
  const server = http.createServer((req, res) => (up ? handle(req, res) : req.socket.destroy()));
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const srv = {
    dir,
    origin: `http://127.0.0.1:${server.address().port}`,
    up() { up = true; },
    down() { up = false; for (const s of sockets) s.destroy(); },
  };
  cleanups.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return srv;
}

/** Waits until the service worker has precached the build and controls the page. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
  return page.evaluate(async () => (await navigator.serviceWorker.ready).active.scriptURL);
}

async function goOffline(context, srv) {
  srv.down();
  await context.setOffline(true);
}

async function goOnline(context, srv) {
  srv.up();
  await context.setOffline(false);
}

/** Requests and console lines that offline mode causes by design (an update check that fails). */
function withoutExpectedOfflineNoise(problems) {
  const noise = /Failed to update a ServiceWorker|An unknown error occurred when fetching the script|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION/;
  return { ...problems, consoleErrors: problems.consoleErrors.filter((e) => !noise.test(e)) };
}

async function createLearner(page, name, avatarName) {
  if (await page.getByRole('button', { name: 'Add a learner' }).isVisible()) {
    await page.getByRole('button', { name: 'Add a learner' }).click();
  }
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('radio', { name: avatarName }).check();
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('link', { name: new RegExp(`Open ${name}'s home`) }).waitFor();
}

test('installable: the manifest and icons load, with a start URL and scope that work under a sub-path', async () => {
  const srv = await serveCopy();
  const { page, problems, context } = await openPage(browser, srv.origin);
  await page.goto(srv.origin + SUB_PATH + '/');
  await ready(page);
  const manifest = await page.evaluate(async () => {
    const href = document.querySelector('link[rel="manifest"]').href;
    const m = await (await fetch(href)).json();
    const icons = await Promise.all(m.icons.map(async (i) => {
      const r = await fetch(new URL(i.src, href));
      return { src: i.src, sizes: i.sizes, ok: r.ok, type: r.headers.get('content-type') };
    }));
    return { href, start_url: m.start_url, scope: m.scope, name: m.name, short_name: m.short_name, theme: m.theme_color, bg: m.background_color, icons };
  });
  assert.equal(new URL(manifest.href).pathname, SUB_PATH + '/manifest.webmanifest');
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.scope, './');
  assert.ok(manifest.name && manifest.short_name && manifest.theme && manifest.bg);
  for (const size of ['any', '192x192', '512x512']) {
    assert.ok(manifest.icons.some((i) => i.sizes === size && i.ok), `icon ${size}`);
  }
  assertClean(problems);
  await context.close();
});

test('offline after the first visit: the app starts, a learner is created, opened and saved; back online a new build is offered, never forced', async () => {
  const srv = await serveCopy();
  const { page, problems, context } = await openPage(browser, srv.origin);
  await page.goto(srv.origin + '/');
  await ready(page);
  const script = await controlled(page);
  assert.equal(script, srv.origin + '/sw.js');

  await goOffline(context, srv);
  await page.reload();
  await ready(page);
  assert.equal(await page.locator('h1').innerText(), "Who's practising today?");
  await createLearner(page, 'Olu', 'Owl');
  await page.getByRole('link', { name: /Open Olu's home/ }).click();
  await page.getByRole('heading', { name: 'Hi, Olu!' }).waitFor();
  // A deep link reloads offline too, and what was created is still there.
  await page.reload();
  await page.getByRole('heading', { name: 'Hi, Olu!' }).waitFor();
  // Practice works offline: placement, then answers, each saved; a reload resumes the item.
  await page.locator('.nav-card--practice').click();
  await placeBySkipping(page);
  await page.getByRole('radio', { name: '10 questions' }).check();
  await page.getByRole('button', { name: /^Surprise me/ }).click();
  for (let i = 0; i < 3; i++) {
    await page.locator('.item').waitFor();
    await answerByKeyboard(page);
    await page.locator('#next-button').click();
  }
  const onScreen = await itemText(page);
  await page.reload();
  await page.locator('.item').waitFor();
  assert.equal(await itemText(page), onScreen, 'the same item after an offline reload');
  await page.goto(srv.origin + '/data');
  const saved = Number((await page.locator('.saved-counts').innerText()).match(/Olu: (\d+)/)[1]);
  assert.ok(saved >= 3 + 1, `${saved} answers saved offline`);
  await page.goto(srv.origin + '/');
  await ready(page);
  assert.deepEqual(await page.locator('.learner-card__name').allInnerTexts(), ['Olu']);
  await page.getByRole('link', { name: 'Privacy: your data stays on this device' }).click();
  await page.getByRole('heading', { name: 'Privacy' }).waitFor();
  await assertAccessible(page, 'privacy page (offline)');
  await page.getByRole('link', { name: 'Back to the start screen' }).click();
  await ready(page);

  // A new build is published while the device is offline...
  const swPath = path.join(srv.dir, 'sw.js');
  const oldSw = fs.readFileSync(swPath, 'utf8');
  const oldBuild = oldSw.match(/const BUILD = "([0-9a-f]+)"/)[1];
  const newBuild = 'f'.repeat(16);
  fs.writeFileSync(swPath, oldSw.replace(`const BUILD = "${oldBuild}"`, `const BUILD = "${newBuild}"`));
  await page.evaluate(() => { window.__sameDocument = true; });
  // ...and is found when the device is back online, with no reload.
  await goOnline(context, srv);
  const prompt = page.getByRole('complementary').filter({ hasText: 'A new version of Waypoint is ready.' });
  await prompt.waitFor({ timeout: 20000 });
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was not reloaded');
  await assertAccessible(page, 'update prompt');

  // Practice is never interrupted: the prompt waits until the learner leaves it.
  await page.getByRole('link', { name: /Open Olu's home/ }).click();
  await page.getByRole('link', { name: /^Practice/ }).click();
  await page.locator('.item').waitFor();
  assert.equal(await prompt.count(), 0, 'no prompt on the practice page');
  await page.getByRole('link', { name: "Back to Olu's home" }).click();
  await page.getByRole('heading', { name: 'Hi, Olu!' }).waitFor();
  await prompt.waitFor();
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'still no reload');

  // "Later" hides it; a reload shows it again (the new build still waits).
  await prompt.getByRole('button', { name: 'Later' }).click();
  await prompt.waitFor({ state: 'detached' });
  await page.reload();
  await page.getByRole('heading', { name: 'Hi, Olu!' }).waitFor();
  await prompt.waitFor({ timeout: 20000 });

  // "Update" activates the new build, which replaces the old cache; the learner is kept.
  await Promise.all([page.waitForEvent('load'), prompt.getByRole('button', { name: 'Update' }).click()]);
  await page.getByRole('heading', { name: 'Hi, Olu!' }).waitFor();
  // The old build's cache is deleted once the new worker has activated.
  await page.waitForFunction((name) => caches.keys().then((k) => k.length === 1 && k[0] === name), `waypoint:/:${newBuild}`);
  assert.equal(await prompt.count(), 0);
  assertClean(withoutExpectedOfflineNoise(problems));
  await context.close();
});

test('served from /waypoint/: offline still works, deep links included', async () => {
  const srv = await serveCopy();
  const { page, problems, context } = await openPage(browser, srv.origin);
  await page.goto(srv.origin + SUB_PATH + '/');
  await ready(page);
  assert.equal(await controlled(page), srv.origin + SUB_PATH + '/sw.js');
  await createLearner(page, 'Pia', 'Fox');
  await page.getByRole('link', { name: /Open Pia's home/ }).click();
  await page.getByRole('heading', { name: 'Hi, Pia!' }).waitFor();
  const deepLink = page.url();
  assert.equal(new URL(deepLink).pathname, SUB_PATH + '/home');

  await goOffline(context, srv);
  const fresh = await context.newPage();
  fresh.on('console', (m) => { if (m.type() === 'error') problems.consoleErrors.push(m.text()); });
  await fresh.goto(deepLink);
  await fresh.getByRole('heading', { name: 'Hi, Pia!' }).waitFor();
  await fresh.getByRole('link', { name: /^Skills/ }).click();
  await fresh.reload();
  await fresh.getByRole('heading', { name: 'Skill map', level: 1 }).waitFor();
  await fresh.goto(srv.origin + SUB_PATH + '/privacy');
  await fresh.getByRole('heading', { name: 'Privacy' }).waitFor();
  assertClean(withoutExpectedOfflineNoise(problems));
  await context.close();
});

test('the worker at the site root answers only the app\'s pages: other addresses on the site go to the network', async () => {
  const srv = await serveCopy();
  const { page, problems, context } = await openPage(browser, srv.origin);
  await page.goto(srv.origin + '/');
  await ready(page);
  assert.equal(await controlled(page), srv.origin + '/sw.js');
  // `/waypoint` is not one of the app's pages: the server's redirect to `/waypoint/` is
  // followed (the worker used to answer it with the app's HTML: "Page not found").
  await page.goto(srv.origin + SUB_PATH);
  assert.equal(new URL(page.url()).pathname, SUB_PATH + '/');
  await ready(page);
  assert.equal(await page.locator('h1').innerText(), "Who's practising today?");
  // Offline, the app's pages still open, and an unknown address gets the app's own answer.
  await goOffline(context, srv);
  await page.goto(srv.origin + '/privacy');
  await page.getByRole('heading', { name: 'Privacy' }).waitFor();
  await page.goto(srv.origin + '/no-such-page');
  await ready(page);
  assertClean(withoutExpectedOfflineNoise(problems));
  await context.close();
});

test('private by construction: the policy blocks inline script and other origins', async () => {
  const html = fs.readFileSync('dist/index.html', 'utf8');
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script in index.html');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  assert.ok(csp, 'index.html carries a Content-Security-Policy');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|\*/);

  const srv = await serveCopy();
  const { page, problems, context } = await openPage(browser, srv.origin);
  await page.goto(srv.origin + '/');
  await ready(page);
  const violation = page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true });
  }));
  await page.addScriptTag({ content: 'window.__injected = true;' }).catch(() => {});
  assert.equal(await violation, 'script-src-elem');
  assert.equal(await page.evaluate(() => window.__injected), undefined, 'an injected inline script does not run');
  // A request to another origin is refused by the browser itself, before any network.
  const fetched = await page.evaluate(() => fetch('https://example.org/collect').then(() => 'sent', (e) => e.name));
  assert.equal(fetched, 'TypeError');
  assert.deepEqual(problems.external, [], 'nothing reached the network');
  assert.deepEqual(problems.pageErrors, []);
  const unexpected = problems.consoleErrors.filter((e) => !/Content Security Policy/.test(e));
  assert.deepEqual(unexpected, [], 'only the blocked attempts are reported');
  await context.close();
});

test('a slow first visit shows a loading screen in each language until the app is up, then only the app', async () => {
  const srv = await serveCopy();
  const { page, problems, context } = await openPage(browser, srv.origin);
  // The app's code arrives late, as on a slow school network.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(srv.origin + '/');
  const loading = page.locator('#loading[role=status]');
  await loading.waitFor({ state: 'visible' });
  assert.equal(await loading.locator('p[lang=en]').textContent(), 'Getting Waypoint ready…');
  assert.equal(await loading.locator('p[lang=es]').textContent(), 'Preparando Waypoint…');
  release();
  await ready(page);
  assert.equal(await page.locator('#loading').count(), 0, 'gone once the app has mounted');
  assert.equal(await page.locator('main').count(), 1);
  await assertClean(problems);
  await context.close();
});
