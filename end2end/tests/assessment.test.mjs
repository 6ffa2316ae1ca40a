// The Smart Factory Assessment in Chromium on the release build: a whole variant answered,
// a reload in the middle keeps every answer, one transition by keyboard only, the results with
// radar chart and priorities, and the print view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, gotoHydrated } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function waitAllSaved(page) {
  // Every item whose answer was sent shows "Opgeslagen"; none is still saving or failed.
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.save-status')].every((s) => !['saving', 'failed'].includes(s.dataset.state)),
  );
}

async function itemKeys(page) {
  return page.$$eval('input[name^="current:"][value="1"]', (inputs) => inputs.map((i) => i.name.slice('current:'.length)));
}

test('a whole variant: answer, reload, keyboard, finalise, results, print', async () => {
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();

  await gotoHydrated(page, '/assessment');
  await page.getByLabel('Toeleveranciers').check();
  await page.getByLabel('Naam van het bedrijf').fill('Draaierij Noord BV');
  await page.getByLabel('Sector').selectOption('metal');
  await page.getByLabel('Aantal medewerkers').selectOption('20-49');
  await page.getByLabel('Provincie').selectOption('groningen');
  await page.getByRole('button', { name: 'Start de assessment' }).click();
  await page.getByText('Bewaar deze link.').waitFor();
  const overviewPath = new URL(page.url()).pathname;

  await page.getByRole('link', { name: 'Verder met invullen' }).click();
  await page.waitForURL(/\/t\//);
  await page.waitForSelector('body[data-hydrated="true"]');

  let pageNo = 0;
  let keyboardDone = false;
  for (;;) {
    pageNo += 1;
    const keys = await itemKeys(page);
    assert.ok(keys.length >= 3, `items on page ${page.url()}`);
    if (pageNo === 3 && !keyboardDone) {
      // Keyboard only: arrow keys choose within a group, Tab moves to the next control.
      await page.locator(`input[name="current:${keys[0]}"]`).first().focus();
      for (let i = 0; i < keys.length; i += 1) {
        await page.keyboard.press('ArrowDown'); // current level 2
        await page.keyboard.press('Tab'); // to the ambition group: focus on its first level
        await page.keyboard.press('ArrowDown'); // ambition 2
        await page.keyboard.press('ArrowDown'); // ambition 3
        await page.keyboard.press('Tab'); // not applicable
        await page.keyboard.press('Tab'); // comment
        await page.keyboard.press('Tab'); // next item, or the priority group
      }
      await page.keyboard.press('ArrowRight'); // priority: from low to medium
      await waitAllSaved(page);
      for (const key of keys) {
        assert.equal(await page.locator(`input[name="current:${key}"][value="2"]`).isChecked(), true, key);
        assert.equal(await page.locator(`input[name="ambition:${key}"][value="3"]`).isChecked(), true, key);
      }
      keyboardDone = true;
    } else {
      for (const [i, key] of keys.entries()) {
        await page.locator(`input[name="current:${key}"][value="${1 + (i % 3)}"]`).check();
        await page.locator(`input[name="ambition:${key}"][value="4"]`).check();
      }
      await page.getByRole('radio', { name: pageNo % 2 ? 'Hoog' : 'Laag', exact: true }).check();
      await waitAllSaved(page);
    }

    if (pageNo === 2) {
      // Reload in the middle: everything shown as saved is still there.
      await page.reload();
      await page.waitForSelector('body[data-hydrated="true"]');
      for (const [i, key] of keys.entries()) {
        assert.equal(await page.locator(`input[name="current:${key}"][value="${1 + (i % 3)}"]`).isChecked(), true, key);
        assert.equal(await page.locator(`input[name="ambition:${key}"][value="4"]`).isChecked(), true, key);
      }
    }

    const next = page.getByRole('button', { name: 'Opslaan en verder' });
    if ((await next.count()) === 0) break;
    await next.click();
    await page.waitForURL((url) => url.pathname.includes('/t/') && !url.pathname.endsWith(keys[0]));
    await page.waitForFunction((k) => !document.querySelector(`input[name="current:${k}"]`), keys[0]);
    await page.waitForSelector('body[data-hydrated="true"]');
  }
  assert.ok(pageNo >= 10, `answered ${pageNo} transitions`);
  await page.getByRole('button', { name: 'Opslaan en naar het overzicht' }).click();
  await page.waitForURL((url) => url.pathname === overviewPath);
  await page.getByRole('button', { name: 'Assessment afronden' }).click();
  await page.getByRole('heading', { name: /Uitkomsten/ }).waitFor();

  await page.locator('figure.radar svg').waitFor();
  assert.equal(await page.locator('.radar-current').count(), 1);
  assert.ok((await page.locator('.priority-card').count()) >= 1, 'top priorities listed');
  await page.getByRole('table').waitFor();

  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.site-header').isVisible(), false, 'no navigation in print');
  assert.equal(await page.locator('figure.radar').isVisible(), true, 'chart in print');
  await page.emulateMedia({ media: 'screen' });

  assert.deepEqual(context.errors, []);
  await context.close();
});
