// Journeys of the foundation: learners on a device, by mouse and by keyboard, in two
// languages, from the root and from a sub-path, with bad input refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launch, openPage, assertClean, assertAccessible, storageSnapshot, tabTo, ready, SUB_PATH, rehearsed, assertRehearsedOnce,
} from './helpers.mjs';

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

async function cardNames(page) {
  return page.locator('.learner-card__name').allInnerTexts();
}

async function createLearner(page, name, avatarName) {
  if (await page.getByRole('button', { name: 'Add a learner' }).isVisible()) {
    await page.getByRole('button', { name: 'Add a learner' }).click();
  }
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('radio', { name: avatarName }).check();
  await page.getByRole('radio', { name: 'Grades 3 to 5' }).check();
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('link', { name: new RegExp(`Open ${name}'s home`) }).waitFor();
}

test('create two learners, switch between them, reload, delete one', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin);
  await page.goto(srv.origin + '/');
  await ready(page);
  await assert.equal(await page.locator('h1').innerText(), "Who's practising today?");
  await assertAccessible(page, 'start screen (empty, form open)');
  await createLearner(page, 'Ana', 'Owl');
  await createLearner(page, 'Ben', 'Rocket');
  assert.deepEqual(await cardNames(page), ['Ana', 'Ben']);
  await assertAccessible(page, 'start screen with learners');

  await page.getByRole('link', { name: /Open Ana's home/ }).click();
  await page.getByRole('heading', { name: 'Hi, Ana!' }).waitFor();
  for (const nav of ['Practice', 'Skills', 'Badges', 'Profile', 'Grown-ups']) {
    assert.ok(await page.getByRole('link', { name: new RegExp(`^${nav}`) }).isVisible(), `nav ${nav}`);
  }
  await assertAccessible(page, 'learner home');
  await page.getByRole('link', { name: /^Profile/ }).click();
  await page.getByRole('heading', { name: 'About Ana', level: 1 }).waitFor();
  await assertAccessible(page, 'profile page');
  await page.getByRole('link', { name: "Back to Ana's home" }).click();
  await page.getByRole('link', { name: 'Switch learner' }).click();
  await page.getByRole('link', { name: /Open Ben's home/ }).click();
  await page.getByRole('heading', { name: 'Hi, Ben!' }).waitFor();

  await page.goto(srv.origin + '/');
  await page.reload();
  await ready(page);
  assert.deepEqual(await cardNames(page), ['Ana', 'Ben']);

  await page.getByRole('group', { name: 'Manage Ana' }).getByRole('button', { name: 'Delete' }).click();
  assert.match(await page.locator('.learner-card__confirm').innerText(), /Delete Ana and all of their progress/);
  // The card moves focus on the next frame (`focus_later`): wait for that frame, not less.
  await page.waitForFunction(() => document.activeElement?.textContent === 'Keep Ana', null, { timeout: 5000 }).catch(() => {});
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Keep Ana', 'focus starts on the safe choice');
  await assertAccessible(page, 'delete confirmation');
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await page.getByRole('link', { name: /Open Ana's home/ }).waitFor({ state: 'detached' });
  await page.reload();
  await ready(page);
  assert.deepEqual(await cardNames(page), ['Ben']);
  assertClean(problems);
  await context.close();
});

test('the same journey by keyboard alone', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin);
  await page.goto(srv.origin + '/');
  await ready(page);
  for (const [name, avatar] of [['Cleo', 'Cat'], ['Dev', 'Whale']]) {
    if (!(await page.locator('#learner-name').isVisible())) {
      await tabTo(page, (f) => f.text === 'Add a learner');
      await page.keyboard.press('Enter');
    }
    await tabTo(page, (f) => f.id === 'learner-name');
    await page.keyboard.type(name);
    await tabTo(page, (f) => f.type === 'radio' && f.value === 'fox');
    // Arrow keys move within a radio group, as in any form.
    while (!(await page.evaluate((v) => document.activeElement.value === v, avatar.toLowerCase()))) {
      await page.keyboard.press('ArrowRight');
    }
    await tabTo(page, (f) => f.text === 'Create');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: new RegExp(`Open ${name}'s home`) }).waitFor();
  }
  assert.deepEqual(await cardNames(page), ['Cleo', 'Dev']);
  await tabTo(page, (f) => f.label.includes("Open Cleo's home") || f.text.includes("Open Cleo's home"));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Hi, Cleo!' }).waitFor();
  await tabTo(page, (f) => f.text === 'Switch learner');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: "Who's practising today?" }).waitFor();
  await tabTo(page, (f) => f.text.includes("Open Dev's home"));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Hi, Dev!' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Hi, Dev!' }).waitFor();
  await tabTo(page, (f) => f.text === 'Switch learner');
  await page.keyboard.press('Enter');
  await ready(page);
  // The start screen moves focus to its heading once drawn; Tab from there, not from
  // wherever focus was a moment before (a Tab landing first would be undone by it).
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  // Delete Cleo: Tab to her Delete button, confirm with the keyboard.
  await tabTo(page, (f) => f.text === 'Delete');
  await page.keyboard.press('Enter');
  await tabTo(page, (f) => f.text === 'Yes, delete', { reverse: true });
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: /Open Cleo's home/ }).waitFor({ state: 'detached' });
  await page.reload();
  await ready(page);
  assert.deepEqual(await cardNames(page), ['Dev']);
  assertClean(problems);
  await context.close();
});

test('bad names get a message beside the field and nothing is saved', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin);
  await page.goto(srv.origin + '/');
  await ready(page);
  await createLearner(page, 'Eve', 'Bee');
  const before = await storageSnapshot(page);
  await page.getByRole('button', { name: 'Add a learner' }).click();
  const cases = [
    ['', /Please type a name/],
    ['    ', /Please type a name/],
    ['x'.repeat(41), /too long/],
    ['<b>Bold</b><img src=x onerror=alert(1)>', /can't contain/],
  ];
  for (const [name, message] of cases) {
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Create' }).click();
    await page.locator('#learner-name-error').filter({ hasText: message }).waitFor();
    assert.equal(await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await storageSnapshot(page), before, `storage unchanged after ${JSON.stringify(name)}`);
  }
  assert.equal(await page.locator('main b, main img').count(), 0, 'markup is never interpreted');
  assert.deepEqual(await cardNames(page), ['Eve']);
  await assertAccessible(page, 'form with an error');
  // Rename refuses the same way.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('group', { name: 'Manage Eve' }).getByRole('button', { name: 'Rename' }).click();
  await page.getByLabel('New name for Eve').fill('   ');
  await page.getByRole('button', { name: 'Save name' }).click();
  await page.getByText('Please type a name.').waitFor();
  assert.deepEqual(await storageSnapshot(page), before);
  await page.getByLabel('New name for Eve').fill('Evie');
  await page.getByRole('button', { name: 'Save name' }).click();
  await page.reload();
  await ready(page);
  assert.deepEqual(await cardNames(page), ['Evie']);
  assertClean(problems);
  await context.close();
});

test('Spanish: start screen and home are in Spanish, and stay so after reload', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin);
  await page.goto(srv.origin + '/');
  await ready(page);
  await page.getByRole('button', { name: 'Español' }).click();
  await page.getByRole('heading', { name: '¿Quién practica hoy?' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'es');
  await page.getByLabel('Nombre', { exact: true }).fill('Sofía');
  await page.getByRole('radio', { name: 'Tortuga' }).check();
  await page.getByRole('button', { name: 'Crear' }).click();
  await page.getByRole('link', { name: /Abrir el inicio de Sofía/ }).click();
  await page.getByRole('heading', { name: '¡Hola, Sofía!' }).waitFor();
  assert.ok(await page.getByRole('link', { name: /^Practicar/ }).isVisible());
  await assertAccessible(page, 'home in Spanish');
  await page.reload();
  await page.getByRole('heading', { name: '¡Hola, Sofía!' }).waitFor();
  await page.goto(srv.origin + '/');
  await page.getByRole('heading', { name: '¿Quién practica hoy?' }).waitFor();
  await assertAccessible(page, 'start screen in Spanish');
  assertClean(problems);
  await context.close();
});

test('a learner can keep their own language on a device set to another', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin);
  await page.goto(srv.origin + '/');
  await ready(page);
  await createLearner(page, 'Gus', 'Panda');
  await page.getByRole('link', { name: /Open Gus's home/ }).click();
  await page.getByRole('group', { name: 'Language for Gus' }).getByRole('button', { name: 'Español' }).click();
  await page.getByRole('heading', { name: '¡Hola, Gus!' }).waitFor();
  await page.getByRole('link', { name: 'Cambiar de estudiante' }).click();
  // The device itself is still in English, so the start screen is.
  await page.getByRole('heading', { name: "Who's practising today?" }).waitFor();
  await page.getByRole('link', { name: /Open Gus's home/ }).click();
  await page.getByRole('heading', { name: '¡Hola, Gus!' }).waitFor();
  assertClean(problems);
  await context.close();
});

test('the start screen rehearses the first home while idle, with nothing seen, focused, said or stored', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin);
  await page.goto(srv.origin + '/');
  await ready(page);
  await createLearner(page, 'Ivy', 'Owl');
  await page.getByRole('link', { name: /Open Ivy's home/ }).click();
  await page.getByRole('group', { name: 'Language for Ivy' }).getByRole('button', { name: 'Español' }).click();
  await page.getByRole('heading', { name: '¡Hola, Ivy!' }).waitFor();
  // A fresh start screen (the rehearsal runs once per page load), the device in English.
  await page.goto(srv.origin + '/');
  await page.getByRole('heading', { name: "Who's practising today?" }).waitFor();
  const before = await storageSnapshot(page);
  const announced = await page.locator('[role=status]').last().innerText();
  // Both steps (the home, then its progress panel) ran: each leaves a User Timing measure.
  await rehearsed(page, 'waypoint:home-rehearsal', 2);
  assert.equal(await page.locator('h1').count(), 1, 'nothing of the home is in the document');
  assert.equal(await page.locator('.home-page, .motivation, .nav-card').count(), 0);
  assert.equal(await page.locator('h1').innerText(), "Who's practising today?", 'the page keeps its language');
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus stays on the start screen');
  assert.equal(await page.locator('[role=status]').last().innerText(), announced, 'nothing announced');
  assert.deepEqual(await storageSnapshot(page), before, 'nothing stored');
  await assertAccessible(page, 'start screen after the rehearsal');
  // The real home is as before: in Ivy's language, focus on its heading, progress below.
  await page.getByRole('link', { name: /Open Ivy's home/ }).click();
  await page.getByRole('heading', { name: '¡Hola, Ivy!' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), '¡Hola, Ivy!');
  await page.locator('main .motivation .stat--streak').waitFor();
  await page.getByRole('link', { name: 'Cambiar de estudiante' }).click();
  await page.getByRole('heading', { name: "Who's practising today?" }).waitFor();
  await assertRehearsedOnce(page, 'waypoint:home-rehearsal', 2);
  assertClean(problems);
  await context.close();
});

test('served from /waypoint/, a deep link to a learner home loads directly', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin);
  await page.goto(srv.origin + SUB_PATH + '/');
  await ready(page);
  await createLearner(page, 'Hana', 'Dragon');
  await page.getByRole('link', { name: /Open Hana's home/ }).click();
  await page.getByRole('heading', { name: 'Hi, Hana!' }).waitFor();
  const url = new URL(page.url());
  assert.equal(url.pathname, SUB_PATH + '/home');
  const deep = await context.newPage();
  deep.on('console', (m) => { if (m.type() === 'error') problems.consoleErrors.push(m.text()); });
  await deep.goto(url.href);
  await deep.getByRole('heading', { name: 'Hi, Hana!' }).waitFor();
  await deep.getByRole('link', { name: /^Skills/ }).click();
  assert.equal(new URL(deep.url()).pathname, SUB_PATH + '/skills');
  await deep.reload();
  await deep.getByRole('heading', { name: 'Skill map', level: 1 }).waitFor();
  await deep.getByRole('link', { name: "Back to Hana's home" }).click();
  await deep.getByRole('link', { name: 'Switch learner' }).click();
  assert.equal(new URL(deep.url()).pathname, SUB_PATH + '/');
  assertClean(problems);
  await context.close();
});

test('damaged stored data is recovered and set aside; newer data is read-only and untouched', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin);
  await page.goto(srv.origin + '/');
  await ready(page);
  await createLearner(page, 'Ivy', 'Octopus');
  // A damaged device record: the previous good copy is used, and the bad bytes are kept.
  const garbage = '{"format":"waypoint-device","schema_version":1,"learners":[';
  await page.evaluate((v) => localStorage.setItem('waypoint:device', v), garbage);
  await page.reload();
  await ready(page);
  await page.getByRole('status').filter({ hasText: 'was damaged' }).waitFor();
  assert.deepEqual(await cardNames(page), ['Ivy']);
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('waypoint:quarantine:')).map((k) => JSON.parse(localStorage.getItem(k)).bytes));
  assert.deepEqual(kept, [garbage], 'the damaged bytes are kept aside, not deleted');
  await assertAccessible(page, 'recovery notice');
  await page.getByRole('button', { name: 'Dismiss' }).click();

  // A damaged copy of a learner's own record: the notice names her, and says from when
  // the copy it used dates (or that none was left).
  await page.evaluate(() => {
    const slot = Object.keys(localStorage).find((k) => /^waypoint:learner:[a-z0-9]+$/.test(k));
    const current = localStorage.getItem(slot).split(':')[1];
    localStorage.setItem(`${slot}@${current}`, 'not a record');
  });
  await page.reload();
  await ready(page);
  const named = page.getByRole('status').filter({ hasText: 'damaged (the progress of Ivy)' });
  await named.waitFor();
  assert.match(await named.innerText(), /damaged \(the progress of Ivy\)(\. It was restored from the copy saved on \d{4}-\d{2}-\d{2}\.| and could not be restored\.) The damaged copy was kept aside/);
  await page.getByRole('button', { name: 'Dismiss' }).click();

  // Data written by a newer Waypoint: shown read-only, never written over.
  const newer = JSON.stringify({ format: 'waypoint-device', schema_version: 99, learners: [{ id: 'a1', name: 'Jade' }], future: true });
  await page.evaluate(() => localStorage.clear());
  await page.evaluate((v) => localStorage.setItem('waypoint:device', v), newer);
  await page.reload();
  await ready(page);
  await page.getByRole('alert').filter({ hasText: "can't safely change" }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Add a learner' }).count(), 0, 'nothing can be added');
  assert.deepEqual(await cardNames(page), ['Jade'], 'learners of a newer version are shown read-only');
  await page.getByRole('button', { name: 'Español' }).click();
  await page.getByRole('button', { name: 'English' }).click();
  assert.deepEqual(await storageSnapshot(page), { 'waypoint:device': newer }, 'bytes untouched');
  await assertAccessible(page, 'read-only banner');
  assertClean(problems);
  await context.close();
});

test('a panic shows the recovery screen and leaves stored data alone', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin);
  await page.goto(srv.origin + '/');
  await ready(page);
  await createLearner(page, 'Jo', 'Star');
  const before = await storageSnapshot(page);
  await page.goto(srv.origin + '/?selftest=panic');
  await page.getByRole('heading', { name: 'Something went wrong' }).waitFor();
  assert.ok(await page.getByRole('link', { name: 'Reload Waypoint' }).isVisible());
  const download = page.getByRole('link', { name: 'Download a copy of my saved data' });
  assert.match(await download.getAttribute('href'), /^blob:/);
  assert.deepEqual(await storageSnapshot(page), before);
  await assertAccessible(page, 'recovery screen');
  assert.deepEqual(problems.external, []);
  assert.ok(problems.consoleErrors.some((e) => e.includes('self-test panic')), 'the panic is logged');
  await context.close();
});
