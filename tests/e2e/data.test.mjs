// Data that is never lost: export and import, every bad file refused with a clear message
// and storage byte-identical, undo, and two tabs that do not lose each other's work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launch, openPage, assertClean, assertAccessible, storageSnapshot, ready } from './helpers.mjs';

const BAD = 'core/tests/fixtures/bad-imports';
const manifest = JSON.parse(fs.readFileSync(path.join(BAD, 'manifest.json'), 'utf8'));
// Entries marked "generated" are not stored in the repository (the huge file is made below).
manifest.files = manifest.files.filter((f) => !f.generated);

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

async function addLearner(page, name) {
  const add = page.getByRole('button', { name: 'Add a learner' });
  if (await add.isVisible()) await add.click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('link', { name: new RegExp(`Open ${name}'s home`) }).waitFor();
}

async function openDataPage(page) {
  await page.getByRole('link', { name: 'Your data and backups' }).click();
  await page.getByRole('heading', { name: 'Your data and backups' }).waitFor();
}

test(`${manifest.files.length} bad import files: each gets its message and storage stays byte-identical`, async () => {
  const { page, problems, context } = await openPage(browser, srv.origin);
  await page.goto(srv.origin + '/');
  await ready(page);
  await addLearner(page, 'Kim');
  await openDataPage(page);
  const before = await storageSnapshot(page);
  const tried = [];
  for (const { file, message_en } of manifest.files) {
    await page.locator('#import-file').setInputFiles(path.join(BAD, file));
    const error = page.locator('.import-error');
    await error.waitFor();
    const text = await error.innerText();
    assert.ok(text.startsWith("This file can't be imported, and nothing was changed:"), `${file}: ${text}`);
    assert.ok(text.includes(message_en), `${file}: expected "${message_en}" in "${text}"`);
    assert.deepEqual(await storageSnapshot(page), before, `${file}: storage changed`);
    tried.push(file);
  }
  // A huge file is refused before it is read.
  await page.locator('#import-file').setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(13 * 1024 * 1024, 0x20) });
  await page.locator('.import-error').filter({ hasText: 'too large' }).waitFor();
  assert.deepEqual(await storageSnapshot(page), before, 'huge file: storage changed');
  assert.equal(await page.locator('main script, main img').count(), 0, 'markup in files is never interpreted');
  await assertAccessible(page, 'data page with an import error');
  assert.ok(tried.length >= 20);
  assertClean(problems);
  await context.close();
});

test('export everything, delete, import it back (merge), undo the import', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin, { acceptDownloads: true });
  await page.goto(srv.origin + '/');
  await ready(page);
  await addLearner(page, 'Lou');
  await addLearner(page, 'Max');
  await openDataPage(page);
  await assertAccessible(page, 'data page');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download everything' }).click()]);
  assert.match(download.suggestedFilename(), /^waypoint-\d{4}-\d{2}-\d{2}\.json$/);
  const file = await download.path();
  const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(exported.format, 'waypoint-export');
  assert.ok(exported.schema_version >= 1 && exported.checksum && exported.app_version, 'envelope, checksum and app version');
  await page.getByRole('status').filter({ hasText: 'The copy was downloaded.' }).waitFor();
  // One learner's copy holds that learner alone, in the same envelope.
  const [one] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: "Download Max's data" }).click()]);
  const single = JSON.parse(fs.readFileSync(await one.path(), 'utf8'));
  assert.equal(single.format, 'waypoint-export');
  assert.ok(single.checksum && single.app_version);
  assert.deepEqual(single.payload.learners.map((l) => l.card.name), ['Max']);
  assert.deepEqual(exported.payload.learners.map((l) => l.card.name).sort(), ['Lou', 'Max']);

  await page.getByRole('link', { name: 'Back to the start screen' }).click();
  await page.getByRole('group', { name: 'Manage Lou' }).getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await page.getByRole('link', { name: /Open Lou's home/ }).waitFor({ state: 'detached' });

  await openDataPage(page);
  await page.locator('#import-file').setInputFiles(file);
  const preview = page.getByRole('region', { name: /This file holds 2 learner/ });
  await preview.waitFor();
  assert.match(await preview.innerText(), /Lou: new on this device/);
  await assertAccessible(page, 'import preview');
  await page.getByRole('button', { name: 'Import' }).click();
  // Max was the same in the file as here: left as he was, and said so.
  await page.locator('.success').filter({ hasText: 'Imported: 1 new learner(s), 0 updated, 1 already up to date, 0 answer(s) added.' }).waitFor();
  await page.getByRole('link', { name: 'Back to the start screen' }).click();
  assert.deepEqual(await page.locator('.learner-card__name').allInnerTexts(), ['Max', 'Lou']);

  await openDataPage(page);
  await page.getByRole('button', { name: 'Undo the last import' }).click();
  await page.locator('.success').filter({ hasText: 'The last import was undone.' }).waitFor();
  await page.reload();
  await ready(page);
  await page.getByRole('link', { name: 'Back to the start screen' }).click();
  assert.deepEqual(await page.locator('.learner-card__name').allInnerTexts(), ['Max']);
  assertClean(problems);
  await context.close();
});

test('two tabs on one device do not lose each other\'s learners', async () => {
  const { page: a, problems, context } = await openPage(browser, srv.origin);
  await a.goto(srv.origin + '/');
  await ready(a);
  await addLearner(a, 'Nia');
  const b = await context.newPage();
  b.on('console', (m) => { if (m.type() === 'error') problems.consoleErrors.push(m.text()); });
  await b.goto(srv.origin + '/');
  await ready(b);
  // Each tab adds a learner; the other tab sees it without reloading.
  await addLearner(a, 'Oli');
  await b.getByRole('link', { name: /Open Oli's home/ }).waitFor();
  await addLearner(b, 'Pia');
  await a.getByRole('link', { name: /Open Pia's home/ }).waitFor();
  for (const p of [a, b]) {
    await p.reload();
    await ready(p);
    assert.deepEqual(await p.locator('.learner-card__name').allInnerTexts(), ['Nia', 'Oli', 'Pia']);
  }
  assertClean(problems);
  await context.close();
});

test('storage filling up: a warning with the way to make room, and a save refused for space loses nothing', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin);
  await page.goto(srv.origin + '/');
  await ready(page);
  await addLearner(page, 'Ria');
  // Another app on this origin took most of the room (the vault counts every key here
  // against the 5 million characters a browser allows).
  await page.evaluate(() => localStorage.setItem('other-app:cache', 'x'.repeat(3_600_000)));
  await page.reload();
  await ready(page);
  const warning = page.getByRole('status').filter({ hasText: /Storage is 7\d% full\. Export a copy/ });
  await warning.waitFor();
  await assertAccessible(page, 'start screen, storage filling up');
  await warning.getByRole('link', { name: 'Download a copy and make room' }).click();
  await page.getByRole('heading', { name: 'Your data and backups' }).waitFor();
  await page.getByRole('heading', { name: 'Make room' }).waitFor();
  await page.getByRole('button', { name: 'Download everything' }).waitFor();
  // The browser's answer to `navigator.storage.persist()` is shown, whichever it was.
  await page.getByText(/This browser has (promised|not promised) to keep Waypoint's data/).waitFor();

  // Then the browser's storage is full to the last few characters.
  const filled = await page.evaluate(() => {
    let n = 0;
    for (const size of [200_000, 20_000, 2_000, 200, 20, 1]) {
      for (;;) {
        try { localStorage.setItem(`other-app:fill-${n}`, 'y'.repeat(size)); n += 1; } catch { break; }
      }
    }
    return n;
  });
  assert.ok(filled > 0);
  const ours = () => page.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('waypoint:')).map((k) => [k, localStorage.getItem(k)])));
  const before = await ours();
  await page.getByRole('link', { name: 'Back to the start screen' }).click();
  const add = page.getByRole('button', { name: 'Add a learner' });
  if (await add.isVisible()) await add.click();
  await page.getByLabel('Name', { exact: true }).fill('Sam');
  await page.getByRole('button', { name: 'Create' }).click();
  // A calm banner (no crash, no blank page), with the way out; nothing stored changed.
  const refused = page.getByRole('alert').filter({ hasText: 'Your last change could not be saved.' });
  await refused.waitFor();
  assert.match(await refused.innerText(), /full/i);
  await refused.getByRole('link', { name: 'Download a copy and make room' }).waitFor();
  assert.deepEqual(await ours(), before, 'a refused save changed what was stored');
  assert.deepEqual(await page.locator('.learner-card__name').allInnerTexts(), ['Ria']);
  await assertAccessible(page, 'start screen, a save refused for space');

  // Room made (the other app's data gone): the same action now saves.
  await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith('other-app:')) localStorage.removeItem(k); });
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('link', { name: /Open Sam's home/ }).waitFor();
  await page.reload();
  await ready(page);
  assert.deepEqual(await page.locator('.learner-card__name').allInnerTexts(), ['Ria', 'Sam']);
  assertClean(problems);
  await context.close();
});

test('making room: old answers summarised by day when a grown-up asks, and every answer still counted', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin);
  await page.goto(srv.origin + '/');
  await ready(page);
  await openDataPage(page);
  // A copy holding Ann's answers of May and June 2026 (more than six months ago).
  await page.locator('#import-file').setInputFiles('core/tests/fixtures/export-v3.json');
  await page.getByRole('button', { name: 'Import' }).click();
  await page.locator('.success').filter({ hasText: /^Imported: 2 new learner/ }).waitFor();
  const line = page.locator('.saved-counts li').filter({ hasText: /^Ann:/ });
  const total = Number((await line.innerText()).match(/^Ann: (\d+) answers saved$/)[1]);
  assert.ok(total > 0);
  // Nothing is offered while there is room.
  assert.equal(await page.getByRole('heading', { name: 'Make room' }).count(), 0);
  await page.evaluate(() => localStorage.setItem('other-app:cache', 'x'.repeat(3_600_000)));
  await page.reload();
  await ready(page);
  await page.getByRole('heading', { name: 'Make room' }).waitFor();
  const keys = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('waypoint:')).sort());
  const before = await keys();
  await page.getByRole('button', { name: "Summarise Ann's old answers" }).click();
  const done = page.getByRole('status').filter({ hasText: /^Done: \d+ old answers summarised\.$/ });
  await done.waitFor();
  const summarised = Number((await done.innerText()).match(/(\d+)/)[1]);
  assert.ok(summarised > 0 && summarised <= total, `${summarised} of ${total}`);
  // The count is unchanged: raw answers plus those now kept as daily totals.
  await page.locator('.saved-counts li').filter({ hasText: `Ann: ${total} answers saved (${summarised} older ones kept as daily totals per skill)` }).waitFor();
  const after = await keys();
  assert.ok(after.some((k) => !before.includes(k)), 'the daily totals are stored under their own key');
  assert.ok(before.some((k) => !after.includes(k)), 'a month of raw answers is gone');
  await assertAccessible(page, 'data page after making room');
  // Asked again, there is nothing more to summarise.
  await page.getByRole('button', { name: "Summarise Ann's old answers" }).click();
  await page.getByRole('status').filter({ hasText: 'There are no answers older than six months to summarise.' }).waitFor();
  assertClean(problems);
  await context.close();
});

test('two weeks without a copy: a reminder leads to the download, and a copy or "Dismiss" quiets it', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin, { acceptDownloads: true });
  // A device first saved on 2026-05-28 that never exported (Ann and Bo).
  const stored = JSON.parse(fs.readFileSync('core/tests/fixtures/store-v3.json', 'utf8'));
  const seed = async () => {
    await page.evaluate((map) => { localStorage.clear(); for (const [k, v] of Object.entries(map)) localStorage.setItem(k, v); }, stored);
    await page.reload();
    await ready(page);
  };
  await page.goto(srv.origin + '/');
  await ready(page);
  await seed();
  const reminder = page.getByRole('status').filter({ hasText: 'It has been two weeks since the last backup.' });
  await reminder.waitFor();
  await assertAccessible(page, 'export reminder');
  // "Dismiss" snoozes it: gone after a reload too.
  await reminder.getByRole('button', { name: 'Dismiss' }).click();
  await reminder.waitFor({ state: 'detached' });
  await page.reload();
  await ready(page);
  await page.getByRole('link', { name: /Open Ann's home/ }).waitFor();
  assert.equal(await reminder.count(), 0, 'snoozed');
  // Not snoozed: the reminder's link leads to the download, and a copy quiets it.
  await seed();
  await reminder.getByRole('link', { name: 'Download a copy' }).click();
  await page.getByRole('heading', { name: 'Your data and backups' }).waitFor();
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download everything' }).click()]);
  await page.getByRole('status').filter({ hasText: 'The copy was downloaded.' }).waitFor();
  await page.reload();
  await ready(page);
  await page.getByRole('heading', { name: 'Your data and backups' }).waitFor();
  assert.equal(await reminder.count(), 0, 'a fresh copy: no reminder');
  assertClean(problems);
  await context.close();
});
