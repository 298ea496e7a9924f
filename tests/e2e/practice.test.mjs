// A child practising alone: placement, sessions by keyboard and by number pad, feedback,
// hints, a reflection, and everything still there after a reload; resuming after the tab
// was killed; two tabs practising at once; the same in Spanish.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, assertClean, assertAccessible, ready, tabTo, storedRecord, storageSnapshot, rehearsed, assertRehearsedOnce } from './helpers.mjs';
import { solve, itemText, newLearner, placeBySkipping, answerByKeyboard } from './journeys.mjs';

/** Every utterance the page makes is counted in `window.__spoken` instead of spoken. */
function countSpeech(page) {
  return page.addInitScript(() => {
    window.__spoken = [];
    if (window.speechSynthesis) window.speechSynthesis.speak = (u) => window.__spoken.push(u.text);
  });
}

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

test('new learner: placement, a 10-question session by keyboard, one by number pad, hint, reflection, reload', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin);
  await newLearner(page, srv.origin, 'Ava');
  await page.getByRole('heading', { name: "Let's find your starting point" }).waitFor();
  assert.match(await page.locator('main').innerText(), /isn't a test/);
  await assertAccessible(page, 'placement intro');
  await placeBySkipping(page);
  // The button that was pressed is gone with its screen: focus goes to the board's heading.
  await page.waitForFunction(() => document.activeElement?.id === 'board-title');
  await assertAccessible(page, 'choice board');

  // Session 1, keyboard only: choose 10 questions, start with "Surprise me".
  // Tab reaches the chosen radio of a group; arrow keys move the choice.
  await tabTo(page, (f) => f.type === 'radio' && f.label.includes('10 minutes'));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.ok(await page.getByRole('radio', { name: '10 questions' }).isChecked());
  await tabTo(page, (f) => f.text.startsWith('Surprise me'));
  await page.keyboard.press('Enter');
  await page.locator('.item').waitFor();
  await assertAccessible(page, 'practice item');
  // Bad input first: empty, then garbage; neither is an answer.
  await page.keyboard.press('Enter');
  if (await page.locator('#answer-input').count()) {
    await page.locator('#answer-note').filter({ hasText: 'Type your answer first.' }).waitFor();
    await page.keyboard.type('abc');
    await page.keyboard.press('Enter');
    await page.locator('#answer-note').filter({ hasText: "That isn't a number we can read." }).waitFor();
    await page.locator('#answer-input').fill('');
    assert.equal(await page.locator('.item__meta').innerText().then((t) => /Question 1\b/.test(t)), true, 'the item stays');
  }
  let correct = 0;
  for (let i = 0; i < 10; i++) {
    await page.locator('.item').waitFor();
    if (i === 1) {
      await page.getByRole('button', { name: 'Show a hint' }).click();
      await page.locator('.hints li').first().waitFor();
    }
    if (await page.locator('#answer-input').count()) await page.locator('#answer-input').focus();
    const verdict = await answerByKeyboard(page);
    if (verdict.includes('Correct')) correct++;
    if (i === 0) await assertAccessible(page, 'feedback');
    // Focus moves to "Next question" with the feedback; Enter moves on exactly once.
    await page.waitForFunction(() => document.activeElement?.id === 'next-button');
    await page.keyboard.press('Enter');
  }
  assert.ok(correct >= 7, `${correct} of 10 answered correctly by the solver`);
  await page.locator('.summary').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'summary-title');
  assert.match(await page.locator('.summary__figures').innerText(), /Questions: 10/);
  await assertAccessible(page, 'summary');
  await page.locator('.face', { hasText: 'Great' }).click();
  await page.getByRole('radio', { name: 'Sure', exact: true }).check();
  await page.getByLabel('Anything you want to remember? (optional)').fill('<b>Counting</b> is fun');
  await page.getByRole('button', { name: 'Save and finish' }).click();
  await page.getByText('Saved. See you next time!').waitFor();

  // Session 2 with the on-screen number pad.
  await page.reload();
  await page.locator('.board').waitFor();
  await page.getByRole('button', { name: /^Surprise me/ }).click();
  for (let i = 0; i < 3; i++) {
    await page.locator('.item').waitFor();
    const answer = solve(await itemText(page));
    if (typeof answer === 'object') {
      await page.locator('.option', { hasText: String(answer.choose) }).first().click();
    } else {
      for (const ch of answer) await page.locator('.pad__key', { hasText: new RegExp(`^${ch === '-' ? '−' : ch}$`) }).click();
      await page.locator('.pad__key--submit').click();
    }
    await page.locator('.feedback').waitFor();
    // A double click on "Next" presents one item, not two.
    await page.locator('#next-button').dblclick();
  }
  await page.getByRole('button', { name: 'End session' }).click();
  await page.locator('.summary').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'summary-title');
  assert.match(await page.locator('.summary__figures').innerText(), /Questions: 3/);

  // After a reload, the answers, levels and the reflection are still there.
  await page.goto(srv.origin + '/');
  await page.getByRole('link', { name: 'Your data and backups' }).click();
  await page.getByText(/Ava: 1[3-9] answers saved|Ava: [2-9]\d answers saved/).waitFor();
  // Read as a program outside the app would (the last whole copy and the patch since).
  const { record } = await storedRecord(page);
  assert.equal(record.sections.reflections.data.length, 1);
  assert.equal(record.sections.reflections.data[0].note, '<b>Counting</b> is fun', 'kept as text');
  assert.ok(Object.values(record.sections.model.data.skills).some((s) => s.l !== 'not-started'), 'levels are stored');
  assertClean(problems);
  await context.close();
});

test('closing the tab mid-session loses nothing and the session resumes', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin);
  await newLearner(page, srv.origin, 'Bo');
  await placeBySkipping(page);
  await page.getByRole('button', { name: /^Surprise me/ }).click();
  for (let i = 0; i < 3; i++) {
    await page.locator('.item').waitFor();
    if (await page.locator('#answer-input').count()) await page.locator('#answer-input').focus();
    await answerByKeyboard(page);
    await page.locator('#next-button').click();
  }
  await page.locator('.item').waitFor();
  const shown = await itemText(page);
  const url = page.url();
  // Kill the tab without any unload handler running.
  await page.close({ runBeforeUnload: false });
  const again = await context.newPage();
  await again.goto(url);
  await again.locator('.item').waitFor();
  assert.equal(await itemText(again), shown, 'the same item comes back');
  assert.match(await again.locator('.item__meta').innerText(), /Question 4/);
  assertClean(problems);
  await context.close();
});

test('an answer\'s checkpoint is stored as the page is left, and after a crash before it the next visit replays the answer', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin);
  await newLearner(page, srv.origin, 'Eve');
  await placeBySkipping(page);
  const practiceUrl = page.url();
  const homeUrl = practiceUrl.replace('/practice?', '/home?');
  const answered = async (p) => (await storedRecord(p)).record.sections.model.data.answers;
  // Answers one item with the idle moment after it held back (so only its attempt is
  // stored); returns the stored record before the answer and just after it.
  const answerHeldBack = async (p) => {
    await p.locator('.board, .item').first().waitFor();
    if (await p.locator('.board').isVisible()) await p.getByRole('button', { name: /^Surprise me/ }).click();
    await p.locator('.item').waitFor();
    const { record: before } = await storedRecord(p);
    await p.evaluate(() => { window.requestIdleCallback = () => 0; });
    if (await p.locator('#answer-input').count()) await p.locator('#answer-input').focus();
    await answerByKeyboard(p);
    const { record: after } = await storedRecord(p);
    assert.equal(after.sections.model.data.answers, before.sections.model.data.answers, 'only the attempt is stored before the checkpoint');
    return { before, after };
  };

  // Leaving the page (here by loading another) stores the checkpoint on the way out.
  const first = await answerHeldBack(page);
  await page.goto(homeUrl);
  await page.locator('.motivation').waitFor();
  assert.equal(await answered(page), first.before.sections.model.data.answers + 1, 'stored as the page was left');

  // A crash (no event runs) after an answer and before its checkpoint.
  await page.goto(practiceUrl);
  const second = await answerHeldBack(page);
  const cdp = await context.newCDPSession(page);
  const crashed = page.waitForEvent('crash');
  // Its reply never comes: the page is gone.
  cdp.send('Page.crash').catch(() => {});
  await crashed;
  const again = await context.newPage();
  again.on('console', (m) => { if (m.type() === 'error') problems.consoleErrors.push(m.text()); });
  again.on('pageerror', (e) => problems.pageErrors.push(String(e)));
  await again.goto(practiceUrl);
  await again.locator('.board').waitFor();
  // Replayed into the sections on this page, and stored as it is left for the home.
  await again.getByRole('link', { name: "Back to Eve's home" }).click();
  await again.locator('.motivation').waitFor();
  const { record: after } = await storedRecord(again);
  assert.equal(after.sections.model.data.answers, second.before.sections.model.data.answers + 1, 'the model has the answer');
  assert.ok(after.sections.motivation.data.xp > second.after.sections.motivation.data.xp, `points: ${second.after.sections.motivation.data.xp} then ${after.sections.motivation.data.xp}`);
  assert.equal(after.sections.session.data.answered.length, second.before.sections.session.data.answered.length + 1, 'the session has the answer');
  assertClean(problems);
  await context.close();
});

test('two tabs on one learner: the second waits its turn, and no answer or point is lost', async () => {
  const { page: a, problems, context } = await openPage(browser, srv.origin);
  await newLearner(a, srv.origin, 'Cy');
  await placeBySkipping(a);
  const url = a.url();
  // Answers stored so far (placement's), as the data page counts them.
  const savedFor = async (p) => Number((await p.locator('.saved-counts').innerText()).match(/Cy: (\d+)/)[1]);
  await a.goto(srv.origin + '/data');
  const placed = await savedFor(a);
  await a.goto(url);
  await a.locator('.board').waitFor();
  const b = await context.newPage();
  b.on('console', (m) => { if (m.type() === 'error') problems.consoleErrors.push(m.text()); });
  // The second tab is told, kindly, that Cy is practising elsewhere; it saves nothing.
  await b.goto(url);
  await b.locator('.other-tab').filter({ hasText: 'Cy is already practising in another tab or window' }).waitFor();
  assert.equal(await b.locator('.board, .item').count(), 0);
  await assertAccessible(b, 'practising in another tab');
  const answerFour = async (p) => {
    await p.bringToFront();
    await p.locator('.board, .item').first().waitFor();
    if (await p.locator('.board').isVisible()) await p.getByRole('button', { name: /^Surprise me/ }).click();
    for (let i = 0; i < 4; i++) {
      await p.locator('.item').waitFor();
      const answer = solve(await itemText(p));
      if (typeof answer === 'object') await p.locator('.option', { hasText: String(answer.choose) }).first().click();
      else await p.locator('#answer-input').fill(answer), await p.locator('#answer-input').press('Enter');
      await p.locator('.feedback').waitFor();
      await p.getByRole('button', { name: /^(Next question|See how it went)$/ }).click();
    }
  };
  await answerFour(a);
  // Trying again while the first tab still practises changes nothing.
  await b.bringToFront();
  await b.getByRole('button', { name: 'Try again' }).click();
  await b.locator('.other-tab').waitFor();
  // The first tab goes home (its lock is released); the second may now practise.
  await a.getByRole('link', { name: "Back to Cy's home" }).click();
  await a.locator('.motivation').waitFor();
  const xpAfterA = Number((await a.locator('.stat--level').innerText()).match(/(\d+) points in all/)[1]);
  await b.bringToFront();
  await b.getByRole('button', { name: 'Try again' }).click();
  // The first tab left an item on screen: the second picks the session up where it was.
  await b.locator('.item').waitFor();
  await answerFour(b);
  await b.getByRole('link', { name: "Back to Cy's home" }).click();
  await b.locator('.motivation').waitFor();
  const xpAfterB = Number((await b.locator('.stat--level').innerText()).match(/(\d+) points in all/)[1]);
  assert.ok(xpAfterA > 0 && xpAfterB > xpAfterA, `points kept across tabs: ${xpAfterA} then ${xpAfterB}`);
  await b.goto(srv.origin + '/data');
  assert.equal(await savedFor(b), placed + 8, `8 answered in two tabs after ${placed} placement answers`);
  assertClean(problems);
  await context.close();
});

test('a session in Spanish', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin);
  await newLearner(page, srv.origin, 'Dani', 'De infantil a 2.º grado', true);
  await page.getByRole('heading', { name: 'Busquemos tu punto de partida' }).waitFor();
  await placeBySkipping(page);
  await page.getByRole('button', { name: /^Sorpréndeme/ }).click();
  await page.locator('.item').waitFor();
  assert.match(await page.locator('.item__meta').innerText(), /Pregunta 1/);
  await assertAccessible(page, 'practice in Spanish');
  if (await page.locator('#answer-input').count()) await page.locator('#answer-input').focus();
  const verdict = await answerByKeyboard(page);
  assert.match(verdict, /Correcto|No del todo/);
  await page.getByRole('button', { name: 'Siguiente pregunta' }).click();
  await page.getByRole('button', { name: 'Terminar la sesión' }).click();
  await page.getByRole('heading', { name: '¡Bien hecho!' }).waitFor();
  await assertAccessible(page, 'summary in Spanish');
  assertClean(problems);
  await context.close();
});

test('the practice screen rehearses an answer while the child reads, with nothing stored, seen, focused, announced or read aloud', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin);
  await countSpeech(page);
  await newLearner(page, srv.origin, 'Noa');
  await placeBySkipping(page);
  await page.locator('.choice-card--surprise').click();
  await page.locator('.item').waitFor();
  // A fresh page load on the item (the rehearsal runs once per page load).
  await page.reload();
  await page.locator('.item').waitFor();
  const before = await storageSnapshot(page);
  const focused = await page.evaluate(() => document.activeElement?.outerHTML);
  const announced = () => page.locator('.visually-hidden[aria-live]').first().innerText();
  const announcedBefore = await announced();
  const question = await page.locator('.item__meta').innerText();
  // All four steps ran (a scratch copy opened, an answer saved there, its feedback built
  // off-stage, the next item): each leaves a User Timing measure.
  await rehearsed(page, 'waypoint:answer-rehearsal', 4);
  assert.equal(await page.locator('.feedback').count(), 0, 'no feedback in the document');
  assert.equal(await page.locator('.item__meta').innerText(), question, 'the same item');
  assert.equal(await page.evaluate(() => document.activeElement?.outerHTML), focused, 'focus stays');
  assert.equal(await announced(), announcedBefore, 'nothing announced');
  assert.deepEqual(await page.evaluate(() => window.__spoken), [], 'nothing read aloud');
  assert.deepEqual(await storageSnapshot(page), before, 'nothing stored');
  assert.equal(await page.evaluate(() => performance.getEntriesByName('waypoint:answer-save').length), 0, 'no answer-save measure');
  await assertAccessible(page, 'item after the rehearsal');
  // The real answer is stored once: the session holds one answer, not two.
  const { record } = await storedRecord(page);
  const answeredBefore = record.sections.session.data.answered.length;
  await answerByKeyboard(page);
  await page.locator('.feedback').waitFor();
  // The answer's attempt is stored before the feedback, the session at the checkpoint
  // once the feedback is painted and the page is idle.
  await page.waitForFunction(() => performance.getEntriesByName('waypoint:checkpoint').length === 1);
  const after = (await storedRecord(page)).record.sections.session.data.answered.length;
  assert.equal(after, answeredBefore + 1);
  await page.getByRole('button', { name: /Next question|See the summary/ }).click();
  await page.locator('.item, .summary').first().waitFor();
  await assertRehearsedOnce(page, 'waypoint:answer-rehearsal', 4);
  assertClean(problems);
  await context.close();
});

test('the home rehearses the practice screen while idle, with nothing seen, focused, read aloud or stored', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin);
  await countSpeech(page);
  await newLearner(page, srv.origin, 'Rio');
  await placeBySkipping(page);
  await page.getByRole('checkbox', { name: 'Read every question aloud' }).check();
  const home = page.url().replace(/\/practice\?/, '/home?');
  // A fresh home (the rehearsal runs once per page load).
  await page.goto(home);
  await page.getByRole('heading', { name: 'Hi, Rio!' }).waitFor();
  const before = await storageSnapshot(page);
  // Both steps (the choice board, then a first item) ran: each leaves a User Timing measure.
  await rehearsed(page, 'waypoint:practice-rehearsal', 2);
  assert.equal(await page.locator('h1').count(), 1, 'nothing of the practice screen is in the document');
  assert.equal(await page.locator('.practice-page, .board, .item').count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Hi, Rio!', 'focus stays on the home');
  assert.deepEqual(await page.evaluate(() => window.__spoken), [], 'nothing read aloud');
  assert.deepEqual(await storageSnapshot(page), before, 'nothing stored');
  await assertAccessible(page, 'home after the rehearsal');
  // The real practice screen is as before: no "another tab" notice (no lock was kept),
  // the board, and its first item read aloud as asked.
  await page.locator('.nav-card--practice').click();
  await page.locator('.board').waitFor();
  assert.equal(await page.locator('.other-tab').count(), 0);
  await page.locator('.choice-card--surprise').click();
  await page.locator('.item').waitFor();
  await page.waitForFunction(() => window.__spoken.length === 1);
  // A choice item's options are read as "Option 1: ...", not "1. ...".
  const [spoken] = await page.evaluate(() => window.__spoken);
  if (await page.locator('.option').count()) assert.match(spoken, /Option 1: .+Option 2: /);
  else assert.doesNotMatch(spoken, /Option \d/);
  await page.getByRole('link', { name: "Back to Rio's home" }).click();
  await page.getByRole('heading', { name: 'Hi, Rio!' }).waitFor();
  await assertRehearsedOnce(page, 'waypoint:practice-rehearsal', 2);
  assertClean(problems);
  await context.close();
});
