// The questionnaire runs in one island (issue 20): moving between transitions happens in the
// page, at the server pages' own addresses, with the back and forward buttons, a reload and
// the keyboard working as on separate pages, and every answer kept.
import { test } from '@playwright/test';
import assert from 'node:assert/strict';
import { newContext, startAssessment, expectAccessible } from './helpers.mjs';

let browser;
test.beforeAll(({ browser: launched }) => {
  browser = launched;
});

const heading = (page) => page.locator('h1').innerText();
const focusedTag = (page) => page.evaluate(() => document.activeElement?.tagName);
const keysOn = (page) =>
  page.$$eval('input[name^="current:"][value="1"]', (inputs) => inputs.map((i) => i.name.slice('current:'.length)));

test('the transitions follow one another in the page, and back, forward and reload land where they should', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  // Process industry: other browser tests add versions of the other two with typed and
  // conditional questions.
  await startAssessment(page, { variant: 'Procesindustrie', company: 'Doorloop Metaal BV' });
  await page.getByRole('link', { name: 'Verder met invullen' }).click();
  await page.waitForURL(/\/t\//);
  await page.waitForSelector('body[data-hydrated="true"]');
  const first = { url: page.url(), name: await heading(page) };
  assert.equal(await page.locator('leptos-island').count(), 1, 'the questionnaire is one island');
  const documents = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'document') documents.push(r.url());
  });

  // A whole transition by mouse: every question and the priority.
  const firstKeys = await keysOn(page);
  assert.ok(firstKeys.length >= 3, `${firstKeys.length} questions`);
  for (const key of firstKeys) {
    await page.locator(`input[name="current:${key}"][value="2"]`).check();
    await page.locator(`input[name="ambition:${key}"][value="4"]`).check();
  }
  await page.getByRole('radio', { name: 'Hoog', exact: true }).check();
  await page.getByTestId('live-answered').filter({ hasText: `${firstKeys.length} van ${firstKeys.length}` }).waitFor();
  assert.equal(await page.getByTestId('live-current').innerText(), '25');
  assert.equal(await page.getByTestId('live-ambition').innerText(), '75');
  // The radar of every transition has it too, worked out in the browser.
  const radar = () => page.getByTestId('live-radar').getAttribute('aria-label');
  assert.ok((await radar()).includes(`${first.name}: huidig 25, ambitie 75`), await radar());

  // "Next" moves in the page: a new address, heading, title and questions, the focus on the
  // heading, and no page load.
  await page.getByRole('button', { name: 'Volgende' }).click();
  await page.waitForURL((url) => url.href !== first.url);
  const second = { url: page.url(), name: await heading(page) };
  assert.notEqual(second.name, first.name);
  assert.equal(await focusedTag(page), 'H1', 'the new heading has the focus');
  assert.ok((await page.title()).includes(second.name), await page.title());
  assert.match(await page.locator('nav.breadcrumbs').innerText(), /2 \/ \d+/);
  const secondKeys = await keysOn(page);
  assert.notDeepEqual(secondKeys, firstKeys);
  assert.equal(await page.getByTestId('live-answered').innerText(), 'Beantwoord een vraag om uw score te zien.');
  assert.ok((await radar()).includes(`${first.name}: huidig 25, ambitie 75; ${second.name}: nog niet beantwoord`), await radar());

  // One question by keyboard only, from the heading: Tab to the first level, Space chooses
  // it, the arrow key moves the choice on.
  for (let i = 0; i < 10; i += 1) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => document.activeElement?.getAttribute('name') ?? '');
    if (name.startsWith('current:')) break;
  }
  assert.equal(
    await page.evaluate(() => document.activeElement?.getAttribute('name')),
    `current:${secondKeys[0]}`,
    'Tab from the heading reaches the first question',
  );
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  const chosen = page.locator(`input[name="current:${secondKeys[0]}"][value="2"]`);
  assert.equal(await chosen.isChecked(), true);
  await page.locator(`[id="item-${secondKeys[0]}"] .save-status[data-state="saved"]`).waitFor();
  await expectAccessible(page, 'second transition after moving in the page');

  // Back: the first transition with everything answered there, still without a page load.
  await page.goBack();
  await page.waitForURL(first.url);
  assert.equal(await heading(page), first.name);
  for (const key of firstKeys) {
    assert.equal(await page.locator(`input[name="current:${key}"][value="2"]`).isChecked(), true, `${key} kept`);
  }
  assert.equal(await page.getByRole('radio', { name: 'Hoog', exact: true }).isChecked(), true, 'the priority kept');
  assert.equal(await page.getByTestId('live-current').innerText(), '25');
  // Forward, then "Previous" and "Next": the same two transitions.
  await page.goForward();
  await page.waitForURL(second.url);
  assert.equal(await chosen.isChecked(), true);
  await page.getByRole('link', { name: 'Vorige' }).click();
  await page.waitForURL(first.url);
  assert.equal(await focusedTag(page), 'H1');
  // (A click on a link adds to the history, as it would between pages.)
  await page.getByRole('button', { name: 'Volgende' }).click();
  await page.waitForURL(second.url);
  assert.deepEqual(documents, [], 'no page was loaded while moving');

  // A reload lands on the same transition, and shows what the server stored.
  await page.reload();
  await page.waitForSelector('body[data-hydrated="true"]');
  assert.equal(page.url(), second.url);
  assert.equal(await heading(page), second.name);
  assert.equal(await chosen.isChecked(), true, 'the keyboard answer was stored');
  await page.goto(first.url);
  for (const key of firstKeys) {
    assert.equal(await page.locator(`input[name="ambition:${key}"][value="4"]`).isChecked(), true, `${key} stored`);
  }
  assert.deepEqual(context.errors, []);
  await context.close();
});
