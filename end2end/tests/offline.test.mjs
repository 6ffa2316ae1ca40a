// Answers given without a connection are not lost (issue 20): they wait in the browser's
// storage, the page says so, leaving warns, a reload shows them, and they reach the server
// when the connection is back; the later answer to one question wins.
import { test } from '@playwright/test';
import assert from 'node:assert/strict';
import { newContext, startAssessment, expectAccessible, expectNoSidewaysScroll } from './helpers.mjs';

let browser;
test.beforeAll(({ browser: launched }) => {
  browser = launched;
});

const status = (page) => page.getByTestId('queue-status');

test('answers given offline wait in the browser and reach the server when the connection is back', async () => {
  const context = await newContext(browser, { viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const overview = await startAssessment(page, { variant: 'Toeleveranciers', company: 'Offline Gieterij BV' });
  await page.getByRole('link', { name: 'Verder met invullen' }).click();
  await page.waitForURL(/\/t\//);
  await page.waitForSelector('body[data-hydrated="true"]');
  const transitionUrl = page.url();
  const keys = await page.$$eval('input[name^="current:"][value="1"]', (inputs) =>
    inputs.map((i) => i.name.slice('current:'.length)),
  );
  assert.ok(keys.length >= 3, 'three questions to answer');

  // No connection: five changes to three questions (the first one changed twice) and the
  // priority. The queue keeps one change per question, the latest.
  await context.setOffline(true);
  await page.locator(`input[name="current:${keys[0]}"][value="1"]`).check();
  await page.locator(`input[name="current:${keys[1]}"][value="2"]`).check();
  await page.locator(`input[name="current:${keys[2]}"][value="4"]`).check();
  await page.locator(`input[name="current:${keys[0]}"][value="3"]`).check();
  await page.getByRole('radio', { name: 'Hoog', exact: true }).check();
  await status(page).filter({ hasText: 'Offline: 4 antwoorden blijven in deze browser bewaard' }).waitFor();
  assert.equal(await page.locator(`[id="item-${keys[0]}"] .save-status`).getAttribute('data-state'), 'waiting');
  assert.match(await page.locator(`[id="item-${keys[0]}"] .save-status`).innerText(), /Nog niet verstuurd/);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('sih.answer-queue')));
  assert.equal(stored.entries.length, 4, JSON.stringify(stored));
  // The line stays in view at the bottom of a phone's screen, the live score at the top; both
  // readable without sideways scrolling, also at 320 px, and the page passes axe.
  assert.equal(await status(page).isVisible(), true);
  await expectAccessible(page, 'questionnaire page offline');
  for (const width of [390, 320]) {
    await page.setViewportSize({ width, height: 700 });
    await expectNoSidewaysScroll(page, `questionnaire page offline at ${width} px`);
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/offline-${width}.png` });
  }
  await page.setViewportSize({ width: 390, height: 844 });

  // The connection comes back but the server still cannot be reached: leaving the page asks
  // first, and after the reload the page shows the waiting answers, not the stored ones.
  let attempts = 0;
  await context.route('**/api/assessment/save_*', (route) => {
    attempts += 1;
    return route.abort('internetdisconnected');
  });
  await context.setOffline(false);
  await assertEventually(() => attempts >= 1, 'a retry when the connection came back');
  await status(page).filter({ hasText: 'Offline' }).waitFor();
  let warned = null;
  page.once('dialog', async (dialog) => {
    warned = dialog.type();
    await dialog.accept();
  });
  await page.reload();
  await page.waitForSelector('body[data-hydrated="true"]');
  assert.equal(warned, 'beforeunload', 'leaving with waiting answers warns');
  await status(page).filter({ hasText: 'Offline: 4 antwoorden' }).waitFor();
  assert.equal(await page.locator(`input[name="current:${keys[0]}"][value="3"]`).isChecked(), true);
  assert.equal(await page.locator(`input[name="current:${keys[1]}"][value="2"]`).isChecked(), true);
  assert.equal(await page.locator(`input[name="current:${keys[2]}"][value="4"]`).isChecked(), true);
  assert.equal(await page.getByRole('radio', { name: 'Hoog', exact: true }).isChecked(), true);

  // The server is back: the sender's next attempt stores everything, and the page says so.
  await context.unroute('**/api/assessment/save_*');
  await page.waitForFunction(
    () => !localStorage.getItem('sih.answer-queue') && document.querySelector('[data-testid="queue-status"]').innerText.trim() === '',
    null,
    { timeout: 40000 },
  );
  await page.locator(`[id="item-${keys[0]}"] .save-status[data-state="saved"]`).waitFor();

  // What the server stored, read without JavaScript (the page as the server renders it).
  const plain = await newContext(browser, { javaScriptEnabled: false });
  const check = await plain.newPage();
  await check.goto(transitionUrl);
  assert.equal(await check.locator(`input[name="current:${keys[0]}"][value="3"]`).isChecked(), true, 'the later answer won');
  assert.equal(await check.locator(`input[name="current:${keys[1]}"][value="2"]`).isChecked(), true);
  assert.equal(await check.locator(`input[name="current:${keys[2]}"][value="4"]`).isChecked(), true);
  assert.equal(await check.locator('input[name="priority"][value="high"]').isChecked(), true);
  await check.goto(overview);
  await plain.close();

  const errors = context.errors.filter((e) => !/net::ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a reload without a connection shows the questionnaire with its waiting answers, and they reach the server when it is back', async () => {
  const context = await newContext(browser, { viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await startAssessment(page, { variant: 'Toeleveranciers', company: 'Herlaad Zonder Net BV' });
  // The overview registers the worker that keeps the offline copy; from then on it serves
  // the assessment's pages.
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.getByRole('link', { name: 'Verder met invullen' }).click();
  await page.waitForURL(/\/t\//);
  await page.waitForSelector('body[data-hydrated="true"]');
  assert.equal(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), true, 'the worker serves the page');
  const firstUrl = page.url();
  const firstKeys = await page.$$eval('input[name^="current:"][value="1"]', (inputs) =>
    inputs.map((i) => i.name.slice('current:'.length)),
  );

  // Online: one answer on the first transition, saved. The worker fetches the page again once
  // the saves pause; the connection may be gone before that copy is made, and then the page
  // itself shows the answer, which it remembers as stored, on top of the older copy.
  await page.locator(`input[name="current:${firstKeys[0]}"][value="2"]`).check();
  await page.locator(`[id="item-${firstKeys[0]}"] .save-status[data-state="saved"]`).waitFor();

  // "Next" moves in the page to the second transition, which was never fetched as a page.
  await page.getByRole('button', { name: 'Volgende' }).click();
  await page.waitForURL((url) => url.href !== firstUrl);
  const secondUrl = page.url();
  const secondName = await page.locator('h1').innerText();
  const keys = await page.$$eval('input[name^="current:"][value="1"]', (inputs) =>
    inputs.map((i) => i.name.slice('current:'.length)),
  );
  assert.ok(keys.length >= 4, 'four questions to answer');

  // No connection: five answers (four questions and the priority), then a reload.
  await context.setOffline(true);
  const levels = [1, 3, 4, 2];
  for (const [i, level] of levels.entries()) {
    await page.locator(`input[name="current:${keys[i]}"][value="${level}"]`).check();
  }
  await page.getByRole('radio', { name: 'Hoog', exact: true }).check();
  await status(page).filter({ hasText: 'Offline: 5 antwoorden' }).waitFor();
  page.once('dialog', (dialog) => dialog.accept());
  await page.reload();
  await page.waitForSelector('body[data-hydrated="true"]');
  assert.ok(await page.evaluate(() => document.body.dataset.offlineCopy), 'the worker served its copy');
  assert.equal(page.url(), secondUrl, 'the address stays');
  assert.equal(await page.locator('h1').innerText(), secondName, 'the transition the address names');
  await status(page).filter({ hasText: 'Offline: 5 antwoorden' }).waitFor();
  for (const [i, level] of levels.entries()) {
    assert.equal(await page.locator(`input[name="current:${keys[i]}"][value="${level}"]`).isChecked(), true, `${keys[i]} waits`);
  }
  assert.equal(await page.getByRole('radio', { name: 'Hoog', exact: true }).isChecked(), true);
  // Back to the first transition, still without a connection: the answer saved online is there.
  await page.getByRole('link', { name: 'Vorige' }).click();
  await page.waitForURL(firstUrl);
  assert.equal(await page.locator(`input[name="current:${firstKeys[0]}"][value="2"]`).isChecked(), true);
  if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/offline-reload.png` });

  // On to the last transition, and its button to the overview, still without a connection:
  // the overview in the page (no post, which would fail, and no page load), fetched from the
  // worker's copy, without the browser asking anything (the overview sends what waits and
  // says so).
  const asked = [];
  page.on('dialog', (dialog) => {
    asked.push(dialog.message());
    dialog.dismiss();
  });
  const posts = [];
  const documents = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/assessment/form') posts.push(r.url());
    if (r.resourceType() === 'document') documents.push(r.url());
  });
  const toOverview = page.getByRole('button', { name: 'Naar het overzicht', exact: true });
  for (let i = 0; i < 20 && !(await toOverview.isVisible()); i += 1) {
    const before = page.url();
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.waitForURL((url) => url.href !== before);
  }
  await toOverview.click();
  const overviewUrl = firstUrl.replace(/\/t\/[^/]+$/, '');
  await page.waitForURL(overviewUrl);
  await page.locator('h1:visible', { hasText: 'Herlaad Zonder Net BV' }).waitFor();
  // The overview's "Finalise" came alive in the page, with the queue's status under it.
  await status(page).filter({ visible: true, hasText: 'Offline: 5 antwoorden' }).waitFor();
  assert.deepEqual(asked, [], 'moving to the overview asks nothing');
  assert.deepEqual(posts, [], 'the page was not posted');
  assert.deepEqual(documents, [], 'nor loaded');

  // The connection is back: the overview sends the five answers.
  await context.setOffline(false);
  await page.waitForFunction(() => !localStorage.getItem('sih.answer-queue'), null, { timeout: 40000 });

  const plain = await newContext(browser, { javaScriptEnabled: false });
  const check = await plain.newPage();
  await check.goto(secondUrl);
  for (const [i, level] of levels.entries()) {
    assert.equal(await check.locator(`input[name="current:${keys[i]}"][value="${level}"]`).isChecked(), true, `${keys[i]} stored`);
  }
  assert.equal(await check.locator('input[name="priority"][value="high"]').isChecked(), true);
  await check.goto(firstUrl);
  assert.equal(await check.locator(`input[name="current:${firstKeys[0]}"][value="2"]`).isChecked(), true);
  await plain.close();

  const errors = context.errors.filter((e) => !/net::ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e));
  assert.deepEqual(errors, []);
  await context.close();
});

async function assertEventually(condition, what, timeout = 10000) {
  const until = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('two people on one assessment: each page takes the other person\'s answers on its next save', async () => {
  const first = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const a = await first.newPage();
  const overview = await startAssessment(a, { variant: 'Toeleveranciers', company: 'Samen Invullen BV' });
  await a.getByRole('link', { name: 'Verder met invullen' }).click();
  await a.waitForURL(/\/t\//);
  await a.waitForSelector('body[data-hydrated="true"]');
  const url = a.url();
  const keys = await a.$$eval('input[name^="current:"][value="1"]', (inputs) => inputs.map((i) => i.name.slice('current:'.length)));

  // A colleague opens the same page through the resume link (the reference is the link).
  const second = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const b = await second.newPage();
  await b.goto(url);
  await b.waitForSelector('body[data-hydrated="true"]');

  await a.locator(`input[name="current:${keys[0]}"][value="4"]`).check();
  await a.locator(`[id="item-${keys[0]}"] .save-status[data-state="saved"]`).waitFor();
  assert.equal(await b.locator(`input[name="current:${keys[0]}"][value="4"]`).isChecked(), false, 'not before a save');
  // The colleague answers another question: the reply brings the first person's answer,
  // and the live score counts it.
  await b.locator(`input[name="current:${keys[1]}"][value="2"]`).check();
  await b.locator(`[id="item-${keys[1]}"] .save-status[data-state="saved"]`).waitFor();
  await b.waitForFunction((k) => document.querySelector(`input[name="current:${k}"][value="4"]`).checked, keys[0]);
  await b.getByTestId('live-answered').filter({ hasText: `2 van ${keys.length} vragen beantwoord` }).waitFor();
  // And the later answer per question wins: the colleague changes the first question.
  await b.locator(`input[name="current:${keys[0]}"][value="1"]`).check();
  await b.locator(`[id="item-${keys[0]}"] .save-status[data-state="saved"]`).waitFor();
  await a.locator(`input[name="current:${keys[2]}"][value="3"]`).check();
  await a.waitForFunction((k) => document.querySelector(`input[name="current:${k}"][value="1"]`).checked, keys[0]);
  assert.equal(await a.locator(`input[name="current:${keys[1]}"][value="2"]`).isChecked(), true);
  // The page's priority too: chosen on one page, it shows on the other from its next save,
  // by the keyboard here (arrow keys move and choose within the radio group).
  await a.locator('input[name="priority"][value="low"]').focus();
  await a.keyboard.press('ArrowRight');
  await a.locator('.priority .save-status[data-state="saved"]').waitFor();
  assert.equal(await a.locator('input[name="priority"][value="medium"]').isChecked(), true, 'the arrow chose the next priority');
  assert.equal(await b.locator('input[name="priority"][value="medium"]').isChecked(), false, 'not before a save');
  await b.locator(`input[name="current:${keys[2]}"][value="2"]`).check();
  await b.locator(`[id="item-${keys[2]}"] .save-status[data-state="saved"]`).waitFor();
  await b.waitForFunction(() => document.querySelector('input[name="priority"][value="medium"]').checked);
  // And back: the colleague's own choice reaches the first page with its next save.
  await b.locator('input[name="priority"][value="high"]').check();
  await b.locator('.priority .save-status[data-state="saved"]').waitFor();
  await a.locator(`input[name="current:${keys[1]}"][value="3"]`).check();
  await a.waitForFunction(() => document.querySelector('input[name="priority"][value="high"]').checked);
  // What the server stored is the later choice: a fresh page shows it.
  const check = await first.newPage();
  await check.goto(url);
  assert.equal(await check.locator('input[name="priority"][value="high"]').isChecked(), true, 'stored: the later priority');
  await check.close();

  await a.goto(overview);
  assert.deepEqual([...first.errors, ...second.errors], []);
  await first.close();
  await second.close();
});

test('finalising from the overview sends the answers still waiting in the browser first', async () => {
  const context = await newContext(browser, { viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  page.on('dialog', (dialog) => dialog.accept());
  const overview = await startAssessment(page, { variant: 'Toeleveranciers', company: 'Eerst Versturen BV' });
  await page.getByRole('link', { name: 'Verder met invullen' }).click();
  await page.waitForURL(/\/t\//);
  await page.waitForSelector('body[data-hydrated="true"]');
  const transitionUrl = page.url();
  const keys = await page.$$eval('input[name^="current:"][value="1"]', (inputs) => inputs.map((i) => i.name.slice('current:'.length)));

  // The platform cannot be reached for saves: two answers stay in the browser, and the
  // respondent goes to the overview to finalise.
  let mode = 'down';
  await context.route('**/api/assessment/save_*', async (route) => {
    if (mode === 'down') return route.abort('internetdisconnected');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return route.continue();
  });
  await page.locator(`input[name="current:${keys[0]}"][value="2"]`).check();
  await page.locator(`input[name="current:${keys[1]}"][value="3"]`).check();
  await status(page).filter({ hasText: 'Offline: 2 antwoorden' }).waitFor();
  await page.goto(overview);
  await page.waitForSelector('body[data-hydrated="true"]');
  const line = page.getByTestId('finalise-wait');

  // Pressing "Finalise" does not lock the assessment without them: it says why.
  await page.getByRole('button', { name: 'Assessment afronden' }).click();
  await line.filter({ hasText: 'Nog niet verstuurde antwoorden: 2. Er is geen verbinding' }).waitFor();
  assert.equal(new URL(page.url()).pathname, overview, 'not finalised');
  await expectAccessible(page, 'overview with answers waiting');
  await expectNoSidewaysScroll(page, 'overview with answers waiting at 390 px');
  if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/finalise-offline-390.png`, fullPage: true });

  // The connection is back (slowly): pressing again sends them first, then finalises.
  mode = 'slow';
  await page.getByRole('button', { name: 'Assessment afronden' }).click();
  await line.filter({ hasText: 'Eerst gaan de nog niet verstuurde antwoorden naar het platform' }).waitFor();
  await page.waitForURL(/\/results$/, { timeout: 30000 });
  assert.equal(await page.evaluate(() => localStorage.getItem('sih.answer-queue')), null, 'nothing left waiting');

  // Both answers are in the finalised assessment (read without JavaScript).
  const plain = await newContext(browser, { javaScriptEnabled: false });
  const check = await plain.newPage();
  await check.goto(transitionUrl);
  assert.equal(await check.locator(`input[name="current:${keys[0]}"][value="2"]`).isChecked(), true);
  assert.equal(await check.locator(`input[name="current:${keys[1]}"][value="3"]`).isChecked(), true);
  await plain.close();
  const errors = context.errors.filter((e) => !/net::ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e));
  assert.deepEqual(errors, []);
  await context.close();
});
