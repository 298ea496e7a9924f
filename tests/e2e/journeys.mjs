// Steps the practice journeys share: creating a learner, placement by "I don't know this
// yet", and answering the K-2 items a test learner meets as a child would.
import assert from 'node:assert/strict';
import { assertAccessible, ready, tabTo } from './helpers.mjs';

// The first choice item a test file's journeys meet is checked with axe (options are named
// in words, not by the MathML inside them).
let choiceItemChecked = false;

/** Works out the answer to the K-2 items a test learner meets, as a child would. */
export function solve(text) {
  const t = text.replace(/\s+/g, ' ').replace(/−/g, '-').trim();
  const nums = (t.match(/-?\d+/g) || []).map(Number);
  if (/stars|estrellas/.test(t)) return String((t.match(/★/g) || []).length);
  if (/greater|mayor/.test(t)) return { choose: Math.max(...nums) };
  if (/value of the digit|vale la cifra/.test(t)) {
    const [d, n] = nums; const s = String(n); const pos = s.indexOf(String(d));
    return String(d * 10 ** (s.length - pos - 1));
  }
  if (/goes in the box|va en la casilla/.test(t)) return String(nums[nums.length - 1] - nums[0]);
  if (/go away|Se van/.test(t)) return String(nums[0] - nums[1]);
  if (/more|más/.test(t) && !/=/.test(t)) return String(nums[0] + nums[1]);
  if (/\+/.test(t)) return String(nums.slice(0, -0 || undefined).reduce((a, b) => a + b, 0));
  if (/-/.test(t.split(':')[1] || '')) return String(nums[0] - Math.abs(nums[1]));
  return '0';
}

export async function itemText(page) {
  return (await page.locator('.item__prompt').innerText()).replace(/\s+/g, ' ');
}

export async function newLearner(page, origin, name, grade = 'Kindergarten to grade 2', spanish = false) {
  await page.goto(origin + '/');
  await ready(page);
  if (spanish) await page.getByRole('button', { name: 'Español' }).click();
  const add = page.locator('#add-learner');
  if (await add.isVisible()) await add.click();
  await page.locator('#learner-name').fill(name);
  await page.getByRole('radio', { name: grade }).check();
  await page.locator('.learner-form button[type=submit]').click();
  await page.locator('.learner-card__open', { hasText: name }).click();
  await page.locator('.nav-card--practice').click();
}

export async function placeBySkipping(page) {
  await page.locator('.placement-intro button').click();
  for (let i = 0; i < 21; i++) {
    const skip = page.locator('.skip-button');
    if (!(await page.locator('.item').isVisible())) break;
    await skip.click();
    // "I don't know this yet" is not shown as a wrong answer.
    if (i === 0) await page.locator('.feedback__verdict--skipped').waitFor();
    await page.locator('#next-button').click();
  }
  await page.locator('.board').waitFor();
}

export async function answerByKeyboard(page) {
  const text = await itemText(page);
  let answer = solve(text);
  if (await page.locator('#answer-input').count()) {
    // The app puts the cursor in the answer box as the item appears (on the next frame):
    // a child types there; typing before that frame would go nowhere.
    await page.waitForFunction(() => document.activeElement?.id === 'answer-input');
    if (typeof answer === 'object') answer = String(answer.choose);
  } else {
    // A choice item: the first option has the focus as the item appears (next frame).
    await page.waitForFunction(() => document.activeElement === document.querySelector('.option'));
    if (!choiceItemChecked) {
      choiceItemChecked = true;
      assert.ok(await page.locator('.option').first().getAttribute('aria-label'), 'an option has a name in words');
      await assertAccessible(page, 'a choice item');
    }
    // A choice the solver does not know: the child picks the first option.
    if (typeof answer !== 'object') answer = { choose: (await page.locator('.option').first().innerText()).replace(/\s/g, '') };
  }
  if (typeof answer === 'object') {
    const wanted = (text) => text.replace(/\s/g, '') === String(answer.choose);
    const first = await page.evaluate(() => document.activeElement?.innerText || '');
    if (!(await page.locator('.option').count() && wanted(first))) {
      await tabTo(page, (f) => f.tag === 'button' && wanted(f.text));
    }
    await page.keyboard.press('Enter');
  } else {
    await page.keyboard.type(answer);
    await page.keyboard.press('Enter');
  }
  await page.locator('.feedback').waitFor();
  return page.locator('.feedback__verdict').innerText();
}


/** Placement answered as well as the K-2 solver can (a learner who knows some things). */
export async function placeByAnswering(page) {
  await page.locator('.placement-intro button').click();
  for (let i = 0; i < 21; i++) {
    await page.locator('.item, .board').first().waitFor();
    if (await page.locator('.board').isVisible()) break;
    const answer = solve(await itemText(page));
    const options = page.locator('.option');
    if (await page.locator('#answer-input').count()) {
      await page.locator('#answer-input').fill(typeof answer === 'object' ? String(answer.choose) : answer);
      await page.locator('#answer-input').press('Enter');
    } else {
      const want = typeof answer === 'object' ? String(answer.choose) : answer;
      const match = options.filter({ hasText: new RegExp(`^\\s*${want.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&')}\\s*$`) });
      await ((await match.count()) ? match.first() : options.first()).click();
    }
    await page.locator('.feedback').waitFor();
    await page.locator('#next-button').click();
  }
  await page.locator('.board').waitFor();
}
