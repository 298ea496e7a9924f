// The learner's profile: interests, motivations and preferences saved as they are chosen
// and applied everywhere at once (and not on the start screen); strengths, reflections and
// the confidence chart after some practice; axe-core on the page in both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, assertClean, assertAccessible, ready } from './helpers.mjs';
import { newLearner, placeBySkipping } from './journeys.mjs';

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

const rootClasses = (page) => page.evaluate(() => document.documentElement.className);

test('profile choices are saved, applied on every learner page, and kept after a reload', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin);
  await newLearner(page, srv.origin, 'Rae');
  await placeBySkipping(page);
  await page.goto(page.url().replace(/\/practice\?/, '/profile?'));
  await page.getByRole('heading', { name: 'About Rae', level: 1 }).waitFor();
  await assertAccessible(page, 'profile');

  await page.getByRole('checkbox', { name: 'Space' }).check();
  await page.getByRole('checkbox', { name: 'Animals' }).check();
  await page.getByRole('checkbox', { name: 'I like solving puzzles' }).check();
  await page.locator('#pref-larger-text').check();
  await page.locator('#pref-dyslexia-font').check();
  await page.locator('.profile-status .field__ok').waitFor();
  await page.waitForFunction(() => document.documentElement.classList.contains('pref-dyslexia-font'));
  assert.match(await rootClasses(page), /pref-larger-text/);
  // The font ships with the app and loads from this origin.
  await page.waitForFunction(() => document.fonts.check('16px OpenDyslexic'), null, { timeout: 10000 });
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).fontFamily.startsWith('OpenDyslexic')), true);
  await assertAccessible(page, 'profile with larger text and the dyslexia-friendly font');

  await page.reload();
  await page.getByRole('heading', { name: 'About Rae', level: 1 }).waitFor();
  assert.ok(await page.getByRole('checkbox', { name: 'Space' }).isChecked());
  assert.ok(await page.getByRole('checkbox', { name: 'Animals' }).isChecked());
  assert.ok(!(await page.getByRole('checkbox', { name: 'Music' }).isChecked()));
  assert.ok(await page.getByRole('checkbox', { name: 'I like solving puzzles' }).isChecked());
  assert.match(await rootClasses(page), /pref-larger-text/);

  // Interests theme the word problems: with Space and Animals chosen, a word problem is about
  // rockets, stars, puppies or birds.
  await page.goto(page.url().replace(/\/profile\?/, '/practice?') + '&s=add.word-problems');
  await page.locator('.choice-card--chosen').click();
  const prompt = await page.locator('.item__prompt').innerText();
  assert.match(prompt, /rockets|stars|puppies|birds/, prompt);
  assert.doesNotMatch(prompt, /drums|songs|cookies|apples|cards|coins/, prompt);
  await page.getByRole('link', { name: "Back to Rae's home" }).click();
  await page.locator('.motivation').waitFor();
  await page.goto(page.url().replace(/\/home\?/, '/profile?'));
  await page.getByRole('heading', { name: 'About Rae', level: 1 }).waitFor();

  // Everywhere for this learner, nowhere on the start screen.
  await page.getByRole('link', { name: "Back to Rae's home" }).click();
  await page.locator('.motivation').waitFor();
  assert.match(await rootClasses(page), /pref-dyslexia-font/);
  await page.getByRole('link', { name: 'Switch learner' }).click();
  await ready(page);
  await page.waitForFunction(() => !document.documentElement.className.includes('pref-'));
  assertClean(problems);
  await context.close();
});

test('the profile in Spanish, with reflections and how sure the learner was', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin);
  await newLearner(page, srv.origin, 'Teo', 'De infantil a 2.º grado', true);
  await placeBySkipping(page);
  await page.goto(page.url().replace(/\/practice\?/, '/profile?'));
  await page.getByRole('heading', { name: 'Sobre Teo', level: 1 }).waitFor();
  assert.match(await page.locator('main').innerText(), /Mis reflexiones/);
  await page.locator('#pref-high-contrast').check();
  await page.waitForFunction(() => document.documentElement.classList.contains('pref-high-contrast'));
  await assertAccessible(page, 'profile in Spanish, high contrast');
  assertClean(problems);
  await context.close();
});
