// Goals, the grown-ups' area and the teacher's class view: a goal with its forecast (a past
// date refused); a PIN (bad ones refused), the area locked until it is typed, charts with
// their tables, a suggested skill that appears on the learner's home, the printable report
// under print media, the CSV; three student exports imported into the class view with
// groups, a duplicate shown once, and bad files named with their problem.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, launch, openPage, assertClean, assertAccessible, ready, storageSnapshot } from './helpers.mjs';
import { newLearner, placeBySkipping, placeByAnswering, answerByKeyboard } from './journeys.mjs';

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

// Screenshots of the charts, the report under print media and the class view.
const shots = process.env.WAYPOINT_SHOTS || 'target/screenshots';
fs.mkdirSync(shots, { recursive: true });

async function practise(page, n) {
  await page.getByRole('radio', { name: '10 questions' }).check();
  await page.getByRole('button', { name: /^Surprise me/ }).click();
  for (let i = 0; i < n; i++) {
    await page.locator('.item').waitFor();
    await answerByKeyboard(page);
    await page.locator('#next-button').click();
    await page.locator('.item, .summary').first().waitFor();
  }
}

test('a goal and its forecast; the grown-ups area behind a PIN; a suggested skill on the home; the printable report', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin, { acceptDownloads: true });
  await newLearner(page, srv.origin, 'Ivy');
  await placeBySkipping(page);
  await practise(page, 4);
  const home = page.url().replace(/\/practice\?.*$/, '/home?' + new URL(page.url()).searchParams.toString().replace(/&s=.*/, ''));

  // Goals: a past date is refused and changes nothing; a domain goal shows its forecast.
  await page.goto(home.replace('/home?', '/profile?'));
  await page.getByRole('heading', { name: 'My goals' }).waitFor();
  await page.getByRole('radio', { name: 'Master an area of maths' }).check();
  await page.locator('#goal-date').fill('2001-01-01');
  const before = await storageSnapshot(page);
  await page.getByRole('button', { name: 'Add goal' }).click();
  await page.locator('.goal-form__message .field__error').filter({ hasText: '2001-01-01 is already past' }).waitFor();
  assert.deepEqual(await storageSnapshot(page), before, 'a refused goal changed storage');
  await page.locator('#goal-date').fill('');
  await page.getByRole('button', { name: 'Add goal' }).click();
  await page.locator('.goal-form__message .field__ok').waitFor();
  assert.match(await page.locator('.goal__forecast').first().innerText(), /^At your pace: about \d+ more sessions, by \d{4}-\d\d-\d\d\.$/);
  await assertAccessible(page, 'profile with a goal');

  // Grown-ups: no PIN yet; set one (bad first), then the area is locked after a reload.
  await page.goto(home.replace('/home?', '/grownups?'));
  await page.getByRole('heading', { name: 'For grown-ups: Ivy', level: 1 }).waitFor();
  await page.locator('.pin-settings summary').click();
  await page.locator('#new-pin').fill('12a4');
  await page.getByRole('button', { name: 'Save PIN' }).click();
  await page.locator('.pin-message .field__error').filter({ hasText: 'exactly 4 digits' }).waitFor();
  await page.locator('#new-pin').fill('2468');
  await page.getByRole('button', { name: 'Save PIN' }).click();
  await page.locator('.pin-message .field__ok').waitFor();
  const stored = JSON.stringify(await storageSnapshot(page));
  assert.ok(!stored.includes('"2468"'), 'the PIN itself is not stored');
  await page.reload();
  await page.locator('#pin-input').waitFor();
  assert.equal(await page.locator('.bar-chart').count(), 0, 'nothing shows before the PIN');
  await page.locator('#pin-input').fill('1111');
  await page.getByRole('button', { name: 'Open' }).click();
  await page.locator('#pin-input-error').filter({ hasText: 'not the one set on this device' }).waitFor();
  await assertAccessible(page, 'PIN gate');
  await page.locator('#pin-input').fill('2468');
  await page.locator('#pin-input').press('Enter');

  // Charts with their text equivalents; focus went from the gone PIN form to the heading.
  const minutes = page.locator('svg.bar-chart').first();
  await minutes.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'For grown-ups: Ivy', 'focus after the PIN');
  assert.match(await minutes.getAttribute('aria-label'), /^Minutes Ivy practised each day for the last 30 days: \d+\.\d in all; days practised: 1\.$/);
  assert.equal(await page.locator('.chart__numbers').first().locator('tbody tr').count(), 30);
  assert.equal(await page.locator('svg.bar-chart').nth(1).locator('rect.bar-chart__bar').count(), 12, 'twelve weeks of mastery');
  assert.match(await page.locator('.grownups-skills').innerText(), /Mastered \(\d+\)[\s\S]*In progress \(\d+\)[\s\S]*Finding it hard \(\d+\)/);
  assert.match(await page.locator('main').innerText(), /Ivy keeps their reflections private/);
  if (shots) await page.screenshot({ path: path.join(shots, 'grownups.png'), fullPage: true });
  await assertAccessible(page, 'grown-ups area');

  // Suggest a skill; it appears on the learner's home.
  await page.locator('#assign-skill').selectOption({ label: 'Add within 5' });
  await page.getByRole('button', { name: 'Save suggestion' }).click();
  await page.locator('.assign-message .field__ok').filter({ hasText: 'Add within 5 will show' }).waitFor();

  // The CSV of per-skill progress.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('#csv-download').click()]);
  assert.equal(csv.suggestedFilename(), 'waypoint-Ivy-skills.csv');
  const text = fs.readFileSync(await csv.path(), 'utf8');
  assert.match(text, /^"skill id","skill","grade","domain","common core","level","answers","correct","last practised"\r\n/);
  assert.ok(text.split('\r\n').length > 60);

  // The printable report, as print media renders it.
  await page.getByRole('link', { name: 'Printable report' }).click();
  await page.getByRole('heading', { name: 'Progress report: Ivy', level: 1 }).waitFor();
  assert.ok(await page.locator('.report-table tbody tr').count() >= 3, 'a row per domain');
  assert.match(await page.locator('.report-page').innerText(), /Suggested by a grown-up: Add within 5/);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.report-page .actions').isVisible(), false, 'buttons are not printed');
  if (shots) await page.screenshot({ path: path.join(shots, 'report-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await assertAccessible(page, 'report');

  await page.goto(home);
  const assigned = page.locator('.assigned');
  await assigned.waitFor();
  assert.match(await assigned.innerText(), /From your grown-up[\s\S]*How about practising Add within 5\?/);
  await assigned.getByRole('link', { name: 'Practise it' }).click();
  // Ivy's unfinished session resumes first; the suggestion is offered on the board after it.
  await page.locator('.item').waitFor();
  assert.match(page.url(), /[?&]s=/);
  assertClean(problems);
  await context.close();
});

test('with a PIN set, deleting a learner and bringing data in ask for it; a wrong PIN changes nothing', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin);
  await newLearner(page, srv.origin, 'Ada');
  await newLearner(page, srv.origin, 'Bea');
  // Bea's grown-ups set a PIN (her practice page's address names her).
  await page.goto(page.url().replace(/\/practice\?/, '/grownups?'));
  await page.locator('.pin-settings summary').click();
  await page.locator('#new-pin').fill('1357');
  await page.getByRole('button', { name: 'Save PIN' }).click();
  await page.locator('.pin-message .field__ok').waitFor();

  // A new visit: the start screen. Deleting Bea asks for the PIN; a wrong one deletes nothing.
  await page.goto(srv.origin + '/');
  await ready(page);
  await page.getByRole('group', { name: 'Manage Bea' }).getByRole('button', { name: 'Delete' }).click();
  const pin = page.getByLabel("A grown-up's PIN (4 digits), to delete");
  await pin.fill('0000');
  const before = await storageSnapshot(page);
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await page.locator('.learner-card__confirm .field__error').filter({ hasText: 'not the one set on this device' }).waitFor();
  assert.deepEqual(await storageSnapshot(page), before, 'a wrong PIN changed storage');
  assert.deepEqual(await page.locator('.learner-card__name').allInnerTexts(), ['Ada', 'Bea']);
  await assertAccessible(page, 'delete confirmation asking for the PIN');
  await pin.fill('1357');
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await page.locator('.learner-card__name', { hasText: 'Bea' }).waitFor({ state: 'detached' });
  assert.deepEqual(await page.locator('.learner-card__name').allInnerTexts(), ['Ada']);

  // The data page (a new visit, locked again): export is open, import asks for the PIN first.
  await page.goto(srv.origin + '/data');
  await page.locator('#import-pin').waitFor();
  assert.equal(await page.locator('#import-file').count(), 0, 'no file picker before the PIN');
  assert.ok(await page.getByRole('button', { name: 'Download everything' }).isVisible());
  await page.locator('#import-pin').fill('1357');
  await page.locator('#import-pin').press('Enter');
  await page.locator('#import-file').waitFor({ state: 'attached' });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'import-title', 'focus on the import heading');
  await assertAccessible(page, 'data page after the PIN');
  assertClean(problems);
  await context.close();
});

test('class view: three student exports, a duplicate and bad files; groups by next skill; cleared in one step', async () => {
  // Three students on a family device, each exported on their own.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waypoint-class-'));
  const { page, problems, context } = await openPage(browser, srv.origin, { acceptDownloads: true });
  const files = [];
  for (const name of ['Ana', 'Ben', 'Cai']) {
    await newLearner(page, srv.origin, name);
    if (name === 'Ben') {
      // Ben answers his starting-point questions, so his next skill differs from the others'.
      await placeByAnswering(page);
    } else {
      await placeBySkipping(page);
    }
  }
  await page.goto(srv.origin + '/data');
  for (const name of ['Ana', 'Ben', 'Cai']) {
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Download ${name}'s data` }).click()]);
    assert.match(d.suggestedFilename(), new RegExp(`^waypoint-${name}-\\d{4}-\\d{2}-\\d{2}\\.json$`), 'named after the learner');
    const file = path.join(dir, `${name}.json`);
    await d.saveAs(file);
    files.push(file);
  }
  await context.close();
  const duplicate = path.join(dir, 'Ana-again.json');
  fs.copyFileSync(files[0], duplicate);
  const notExport = path.join(dir, 'notes.json');
  fs.writeFileSync(notExport, JSON.stringify({ hello: 'world' }));
  const newer = path.join(dir, 'from-the-future.json');
  const future = JSON.parse(fs.readFileSync(files[1], 'utf8'));
  future.schema_version = 999;
  fs.writeFileSync(newer, JSON.stringify(future));

  // The teacher's own device.
  const teacher = await openPage(browser, srv.origin);
  const t = teacher.page;
  await t.goto(srv.origin + '/');
  await ready(t);
  await t.getByRole('link', { name: 'For teachers: class view' }).click();
  await t.getByRole('heading', { name: 'Class view', level: 1 }).waitFor();
  const storageBefore = await storageSnapshot(t);
  await t.locator('#class-files').setInputFiles([...files, duplicate, notExport, newer]);
  await t.locator('.class-results li', { hasText: 'from-the-future.json' }).waitFor();
  await t.locator('.class-table').waitFor();
  const results = await t.locator('.class-results').innerText();
  assert.match(results, /Ana\.json: Ana added\./);
  assert.match(results, /Ana-again\.json: Ana is already in the class; shown once\./);
  assert.match(results, /notes\.json: .+/);
  assert.match(results, /from-the-future\.json: .*newer/i);
  assert.equal(await t.locator('.class-table tbody tr').count(), 3);
  assert.deepEqual(await t.locator('.class-table tbody th').allInnerTexts(), ['Ana', 'Ben', 'Cai']);
  const groups = await t.locator('.group').allInnerTexts();
  // Every student is in exactly one group; Ana and Cai, who know the same, are together.
  const members = groups.flatMap((g) => g.split('\n').pop().split(', '));
  assert.deepEqual(members.sort(), ['Ana', 'Ben', 'Cai'], `groups: ${groups}`);
  assert.ok(groups.some((g) => /Ana, (Ben, )?Cai$/.test(g)), `groups: ${groups}`);
  assert.deepEqual(await storageSnapshot(t), storageBefore, 'nothing imported is stored on this device');
  if (shots) await t.screenshot({ path: path.join(shots, 'class-view.png'), fullPage: true });
  await assertAccessible(t, 'class view');
  await t.getByRole('button', { name: 'Clear the class' }).click();
  await t.locator('.class-table').waitFor({ state: 'detached' });
  assertClean(problems);
  assertClean(teacher.problems);
  await teacher.context.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
