// The skill map: an SVG of the grade band's prerequisite graph with statuses in colour,
// symbol and words; zoom by button and key; arrow keys move between skills; Enter opens a
// skill's detail (Common Core code and statement, level and reason); its practice button
// leads to a session on that skill.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, assertClean, assertAccessible, tabTo } from './helpers.mjs';
import { newLearner, placeBySkipping } from './journeys.mjs';

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

const activeNode = (page) => page.evaluate(() => ({ id: document.activeElement.id, skill: document.activeElement.dataset?.skill, label: document.activeElement.getAttribute('aria-label') }));

test('skill map: statuses, zoom, keyboard navigation, detail and practice from a skill', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin);
  await newLearner(page, srv.origin, 'Lu');
  await placeBySkipping(page);
  await page.goto(page.url().replace(/\/practice\?/, '/skills?'));
  await page.getByRole('heading', { name: 'Skill map', level: 1 }).waitFor();
  const nodes = page.locator('svg.skill-map g.map-node');
  const count = await nodes.count();
  assert.ok(count >= 15, `${count} skills on the K-2 map`);
  assert.ok(await page.locator('svg.skill-map .map-edges path').count() > 0, 'prerequisite lines are drawn');
  // Every status is shown with words, never by colour alone.
  const summary = await page.locator('.map-summary').innerText();
  assert.match(summary, new RegExp(`^${count} skills\\. Locked: \\d+, Ready to start: \\d+, In progress: \\d+, Mastered: \\d+, Time to review: \\d+\\.$`));
  assert.ok(await page.locator('g.map-node--ready').count() > 0, 'something is ready after placement');
  await assertAccessible(page, 'skill map');

  // Zoom by button and by key.
  const width = async () => Number(await page.locator('svg.skill-map').getAttribute('width'));
  const w0 = await width();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  assert.ok(await width() > w0, 'zoomed in');

  // Keyboard: one tab stop for the map, arrows move, Enter opens the detail.
  const first = await tabTo(page, (f) => f.tag === 'g');
  assert.match(first.label, /: (Ready to start|In progress|Time to review|Mastered|Locked)$/);
  const start = await activeNode(page);
  await page.keyboard.press('-');
  assert.equal(await width(), w0, 'the - key zooms out');
  // Right moves to what comes next, left comes back; down (or up, at the bottom of a
  // column) moves within the column.
  const moved = async (key, from) => {
    await page.keyboard.press(key);
    await page.waitForTimeout(150);
    const now = await activeNode(page);
    return now.id !== from.id && now.id.startsWith('map-node-') ? now : null;
  };
  const next = await moved('ArrowRight', start);
  assert.ok(next, 'the right arrow moves to the next column');
  // The skill the arrows move to is scrolled into the map's box (at 320 px it was left
  // hidden): left to the first, right to the next again.
  await page.setViewportSize({ width: 320, height: 640 });
  const inBox = () => page.evaluate(() => {
    const box = document.querySelector('.map-viewport').getBoundingClientRect();
    const r = document.activeElement.getBoundingClientRect();
    return r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
  });
  for (const [key, to] of [['ArrowLeft', start], ['ArrowRight', next]]) {
    await page.keyboard.press(key);
    await page.waitForFunction((id) => document.activeElement.id === id, to.id);
    await page.waitForTimeout(150);
    assert.ok(await inBox(), `${key}: the focused skill is inside the visible map`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  assert.ok(await moved('ArrowDown', next) || await moved('ArrowUp', next), 'up and down move within a column');
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((id) => document.activeElement.id === id, start.id);
  assert.equal(await page.locator('g.map-node[tabindex="0"]').count(), 1, 'a single tab stop (roving focus)');
  // Back to a ready skill and open it.
  await page.locator('g.map-node--ready').first().focus();
  const ready = await activeNode(page);
  await page.keyboard.press('Enter');
  const detail = page.locator('.skill-detail');
  await detail.waitFor();
  await page.waitForFunction(() => document.activeElement.id === 'skill-detail-title');
  const text = await detail.innerText();
  assert.match(text, /Common Core [A-Z0-9]+\.[A-Z]+\.[A-Z0-9.]+: \w+/, 'code and statement');
  assert.match(text, /Level: Not started\. You haven't tried this skill yet\./);
  assert.match(text, /Ready to start/);
  await assertAccessible(page, 'skill detail');

  // "Back to the map" returns focus to the skill.
  await detail.getByRole('button', { name: 'Back to the map' }).click();
  await page.waitForFunction((id) => document.activeElement.id === id, ready.id);
  await page.keyboard.press('Enter');
  await detail.getByRole('link', { name: 'Practise this skill' }).click();
  const chosen = page.locator('.choice-card--chosen');
  await chosen.waitFor();
  assert.equal(await chosen.locator('.choice-card__title').innerText(), ready.label.replace(/: Ready to start$/, ''));
  await chosen.click();
  await page.locator('.item').waitFor();
  assertClean(problems);
  await context.close();
});

test('the skill map in Spanish', async () => {
  const { page, problems, context } = await openPage(browser, srv.origin);
  await newLearner(page, srv.origin, 'Sol', 'De infantil a 2.º grado', true);
  await page.goto(page.url().replace(/\/practice\?/, '/skills?'));
  await page.getByRole('heading', { name: 'Mapa de habilidades', level: 1 }).waitFor();
  assert.match(await page.locator('.map-summary').innerText(), /habilidades\. Bloqueada: \d+, Lista para empezar: \d+/);
  await page.locator('g.map-node--ready').first().focus();
  await page.keyboard.press('Enter');
  await page.locator('.skill-detail').getByRole('link', { name: 'Practicar esta habilidad' }).waitFor();
  await assertAccessible(page, 'skill map in Spanish');
  assertClean(problems);
  await context.close();
});
