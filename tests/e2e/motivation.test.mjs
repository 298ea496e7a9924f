// Motivation: a learner chooses a daily goal (a bad one is refused and changes nothing),
// meets it in a session and sees the streak start, earns badges that are celebrated and then
// listed with their date, downloads one as an Open Badges 3.0 credential; with reduced
// motion a celebration appears without any animation. A family goal shows a shared total.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startServer, launch, openPage, assertClean, assertAccessible, ready, storageSnapshot, tabTo } from './helpers.mjs';
import { placeBySkipping, answerByKeyboard } from './journeys.mjs';

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

async function addLearnerAndOpenHome(page, name) {
  await page.goto(srv.origin + '/');
  await ready(page);
  const add = page.locator('#add-learner');
  if (await add.isVisible()) await add.click();
  await page.locator('#learner-name').fill(name);
  await page.getByRole('radio', { name: 'Kindergarten to grade 2' }).check();
  await page.locator('.learner-form button[type=submit]').click();
  await page.locator('.learner-card__open', { hasText: name }).click();
  await page.locator('.motivation').waitFor();
}

async function choosePointsGoal(page, points) {
  const chooser = page.locator('.goal-chooser');
  if (!(await chooser.evaluate((d) => d.open))) await chooser.locator('summary').click();
  await chooser.getByRole('radio', { name: 'Points' }).check();
  await page.locator('#goal-points').fill(String(points));
  await chooser.getByRole('button', { name: 'Save my goal' }).click();
}

test('a chosen goal met in a session starts a streak; badges are celebrated, listed with their date, and download as Open Badges', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin, { acceptDownloads: true });
  await addLearnerAndOpenHome(page, 'Mia');
  assert.match(await page.locator('.streak-title').innerText(), /No streak yet/);
  assert.match(await page.locator('.stat--level h3').innerText(), /Level 1/);
  await assertAccessible(page, 'learner home with progress');

  // Bad goals are refused with a clear message and change nothing.
  await page.locator('.goal-chooser summary').click();
  await page.locator('.goal-chooser').getByRole('radio', { name: 'Points' }).check();
  const before = await storageSnapshot(page);
  for (const [bad, message] of [['5', /A daily goal of 5 points is not one of the choices/], ['lots', /Type the points as a number/], ['9999', /9999 points is not one of the choices/]]) {
    await choosePointsGoal(page, bad);
    await page.locator('.goal-message .field__error').filter({ hasText: message }).waitFor();
  }
  assert.deepEqual(await storageSnapshot(page), before, 'a refused goal changed storage');

  // A good goal is saved, and choosing it earns the Goal Setter badge, celebrated at once.
  await choosePointsGoal(page, 20);
  await page.locator('.goal-message .field__ok').filter({ hasText: 'Your daily goal is now 20 points.' }).waitFor();
  const toast = page.locator('.celebration[data-badge="goal-setter"]');
  await toast.waitFor();
  assert.match(await toast.innerText(), /New badge: Goal Setter!/);
  assert.ok(await toast.evaluate((el) => el.getAnimations().length > 0), 'the celebration animates when motion is allowed');
  await page.locator('[role=status]').filter({ hasText: 'New badge: Goal Setter!' }).first().waitFor({ state: 'attached' });
  assert.match(await page.locator('.goal-text').innerText(), /0 of 20 points/);
  await assertAccessible(page, 'home with a celebration');

  // Placement first ("I don't know this yet" earns nothing), then a 10-question session.
  await page.locator('.nav-card--practice').click();
  await placeBySkipping(page);
  await page.getByRole('radio', { name: '10 questions' }).check();
  await page.getByRole('button', { name: /^Surprise me/ }).click();
  const celebrated = new Set();
  for (let i = 0; i < 12 && !(await page.locator('.summary').isVisible()); i++) {
    await page.locator('.item').waitFor();
    await answerByKeyboard(page);
    for (const t of await page.locator('.celebration__title').allInnerTexts()) celebrated.add(t);
    await page.locator('#next-button').click();
    await page.locator('.item, .summary').first().waitFor();
  }
  await page.locator('.summary').waitFor();
  for (const t of await page.locator('.celebration__title').allInnerTexts()) celebrated.add(t);
  assert.ok(celebrated.has("You met today's goal!"), `goal celebrated: ${[...celebrated]}`);
  assert.ok(celebrated.has('A new streak begins!'), `streak celebrated: ${[...celebrated]}`);
  assert.ok(celebrated.has('New badge: First Practice!'), `first session celebrated: ${[...celebrated]}`);
  const xp = Number((await page.locator('.summary__xp').innerText()).match(/Points earned: (\d+)/)[1]);
  assert.ok(xp >= 20, `the session earned ${xp} points`);
  await page.locator('.reflection button[type=submit]').click();

  // Home: the goal is met and the streak has started.
  await page.goto(page.url().replace(/\/practice\?/, '/home?'));
  await page.locator('.motivation').waitFor();
  assert.match(await page.locator('.streak-title').innerText(), /1-day streak/);
  assert.match(await page.locator('.stat--goal').innerText(), /Goal met today/);

  // The catalog lists earned badges with today's date, the rest with progress.
  await page.locator('.badges-link').click();
  await page.getByRole('heading', { name: 'Badges', level: 1 }).waitFor();
  const today = await page.evaluate(() => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; });
  for (const id of ['goal-setter', 'first-session']) {
    assert.match(await page.locator(`#badge-${id} .badge__earned`).innerText(), new RegExp(`Earned on ${today}`));
  }
  assert.ok(await page.locator('.badge').count() >= 30, 'at least 30 badges');
  assert.match(await page.locator('#badge-ten-sessions .badge__progress').innerText(), /^1 of 10$/);
  await assertAccessible(page, 'badge catalog');

  // Download the Goal Setter badge by keyboard and check the credential's fields.
  const downloaded = page.waitForEvent('download');
  // Tab from one download button to the next until Goal Setter's has focus.
  for (let i = 0; i < 5; i++) {
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Download as an Open Badge');
    if (await page.evaluate(() => document.activeElement.closest('li').id) === 'badge-goal-setter') break;
  }
  await page.keyboard.press('Enter');
  const file = await (await downloaded).path();
  const vc = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.deepEqual(vc['@context'], ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
  assert.ok(vc.type.includes('VerifiableCredential') && vc.type.includes('OpenBadgeCredential'));
  assert.match(vc.id, /^urn:uuid:/);
  assert.match(vc.validFrom, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.match(vc.issuer.description, /not verified by any school or organization/);
  const achievement = vc.credentialSubject.achievement;
  assert.ok(vc.credentialSubject.type.includes('AchievementSubject'));
  assert.ok(achievement.type.includes('Achievement'));
  assert.equal(achievement.name, 'Goal Setter');
  assert.ok(achievement.criteria.narrative.length > 0);
  assert.match(achievement.image.id, /^data:image\/svg\+xml;base64,/);
  assertClean(problems);
  await context.close();
});

test('with reduced motion a celebration appears without animation; a family goal shows one shared total', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin, { reducedMotion: 'reduce' });
  await addLearnerAndOpenHome(page, 'Noor');
  await choosePointsGoal(page, 30);
  const toast = page.locator('.celebration[data-badge="goal-setter"]');
  await toast.waitFor();
  assert.equal(await toast.evaluate((el) => el.getAnimations().length), 0, 'no animation runs');
  assert.equal(await toast.evaluate((el) => getComputedStyle(el).animationName), 'none');
  await toast.getByRole('button', { name: 'Close' }).click();
  await toast.waitFor({ state: 'detached' });

  // A second learner: the grown-ups' family goal appears on the start screen.
  await addLearnerAndOpenHome(page, 'Omar');
  await page.goto(srv.origin + '/');
  await ready(page);
  await page.locator('.family-goal summary').click();
  await page.locator('#family-goal-on').check();
  const before = await storageSnapshot(page);
  await page.locator('#family-goal-minutes').fill('5');
  await page.getByRole('button', { name: 'Save family goal' }).click();
  await page.locator('.family-goal__message .field__error').filter({ hasText: /A family goal of 5 minutes a week is not possible/ }).waitFor();
  assert.deepEqual(await storageSnapshot(page), before, 'a refused family goal changed storage');
  await page.locator('#family-goal-minutes').fill('90');
  await page.getByRole('button', { name: 'Save family goal' }).click();
  await page.locator('.family-goal__message .field__ok').filter({ hasText: '90 minutes a week' }).waitFor();
  await assertAccessible(page, 'start screen with the family goal');
  await page.locator('.learner-card__open', { hasText: 'Noor' }).click();
  await page.locator('.stat--family').waitFor();
  assert.match(await page.locator('.stat--family').innerText(), /0 of 90 minutes together/);
  assert.doesNotMatch(await page.locator('.stat--family').innerText(), /Omar/, 'no other learner is named');
  assertClean(problems);
  await context.close();
});
