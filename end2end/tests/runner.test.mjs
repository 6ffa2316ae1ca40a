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

// The page's visible heading (beside the overview, the runner's island is hidden, and the
// other way round).
const heading = (page) => page.locator('h1:visible').innerText();
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
  assert.equal(await page.locator('leptos-island[data-component^="TransitionRunner_"]').count(), 1, 'the questionnaire is one island');
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

test('the overview is in the page too: to it and back by mouse, keyboard and the back button', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const company = 'Overzicht Gieterij BV';
  const overviewPath = await startAssessment(page, { variant: 'Procesindustrie', company });
  const overviewUrl = new URL(overviewPath, page.url()).href;
  const documents = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'document') documents.push(r.url());
  });
  const overview = page.locator('#assessment-overview');
  // The overview comes from the server (fetched, then put in place): wait until it shows.
  const shows = (name) => page.locator('h1:visible', { hasText: name }).waitFor();

  // From the overview's own page to the first transition, in the page.
  await page.getByRole('link', { name: 'Verder met invullen' }).click();
  await page.waitForURL(/\/t\//);
  const first = { url: page.url(), name: await heading(page) };
  assert.equal(await focusedTag(page), 'H1');
  assert.ok((await page.title()).startsWith(`${first.name} · `), await page.title());
  const [key] = await keysOn(page);
  await page.locator(`input[name="current:${key}"][value="3"]`).check();
  await page.locator(`[id="item-${key}"] .save-status[data-state="saved"]`).waitFor();

  // The company's name in the breadcrumbs: the overview, with the answer just given counted.
  await page.locator('nav.breadcrumbs').getByRole('link', { name: company }).click();
  await page.waitForURL(overviewUrl);
  await shows(company);
  assert.equal(await focusedTag(page), 'H1', "the overview's heading has the focus");
  assert.ok((await page.title()).startsWith('Smart Factory Assessment · '), await page.title());
  await overview.locator('.progress-count').first().filter({ hasText: /^1\// }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Volgende' }).count(), 0, 'the transition is out of sight');
  await expectAccessible(page, 'the overview shown in the page');

  // Its last transition by the list, then "To the overview" from there: still the one page.
  const lastLink = overview.locator('.progress-list a').last();
  const lastName = (await lastLink.innerText()).trim();
  await lastLink.click();
  await page.waitForURL(/\/t\//);
  await shows(lastName);
  const last = page.url();
  await page.getByRole('button', { name: 'Naar het overzicht', exact: true }).click();
  await page.waitForURL(overviewUrl);
  await shows(company);

  // Back: the last transition; back again: the overview; forward: the last transition.
  await page.goBack();
  await page.waitForURL(last);
  await shows(lastName);
  await page.goBack();
  await page.waitForURL(overviewUrl);
  await shows(company);
  await page.goForward();
  await page.waitForURL(last);
  await shows(lastName);
  await page.goBack();
  await page.waitForURL(overviewUrl);

  // By keyboard only: from the overview's heading, Tab to "Continue answering" and Enter.
  await overview.locator('h1').focus();
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate(() => document.activeElement?.textContent ?? '');
    if (text.trim() === 'Verder met invullen') break;
  }
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.href !== overviewUrl);
  assert.equal(await focusedTag(page), 'H1');
  assert.equal(await page.locator(`input[name="current:${key}"][value="3"]`).isChecked(), true, 'the answer is there');
  assert.deepEqual(documents, [], 'no page was loaded while moving');

  // A reload of the overview's address is the server's page, which moves in the page again.
  await page.goBack();
  await page.waitForURL(overviewUrl);
  await page.reload();
  await page.waitForSelector('body[data-hydrated="true"]');
  assert.equal(await heading(page), company);
  documents.length = 0;
  await overview.locator('.progress-list a').first().click();
  await page.waitForURL(first.url);
  assert.equal(await heading(page), first.name);
  assert.deepEqual(documents, [], 'no page was loaded after the reload either');

  // The header's language switch comes back to the transition shown, not to the overview
  // this page was loaded as.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.waitForURL(first.url);
  await page.waitForSelector('html[lang="en"]');
  assert.equal(await page.locator('h1:visible').count(), 1);
  assert.deepEqual(context.errors, []);
  await context.close();
});
