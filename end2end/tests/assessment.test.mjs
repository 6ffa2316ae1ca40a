// The Smart Factory Assessment in Chromium on the release build: a whole variant answered
// with the live score of every page equal to the finalised results, a reload in the middle
// keeps every answer, one transition by keyboard only, the results with
// radar chart and priorities, and the print view.
import { test } from '@playwright/test';
import assert from 'node:assert/strict';
import { newContext, gotoHydrated, linkFromMail, uniqueEmail, startAssessment } from './helpers.mjs';

// Playwright launches the browser (playwright.config.mjs) and closes it after the file.
let browser;
test.beforeAll(({ browser: launched }) => {
  browser = launched;
});

async function waitAllSaved(page) {
  // Every item whose answer was sent shows "Opgeslagen"; none is still saving or failed.
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.save-status')].every((s) => !['saving', 'waiting', 'failed'].includes(s.dataset.state)),
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
  // The live score of each page as the browser computed it, to hold against the results.
  const live = [];
  const liveFigures = async () => ({
    name: (await page.locator('h1').innerText()).trim(),
    current: await page.getByTestId('live-current').innerText(),
    ambition: await page.getByTestId('live-ambition').innerText(),
    gap: await page.getByTestId('live-gap').innerText(),
  });
  for (;;) {
    pageNo += 1;
    const keys = await itemKeys(page);
    assert.ok(keys.length >= 3, `items on page ${page.url()}`);
    if (pageNo === 1) {
      const before = await liveFigures();
      assert.deepEqual([before.current, before.ambition, before.gap], ['—', '—', '—']);
      await page.getByTestId('live-answered').filter({ hasText: 'Beantwoord een vraag' }).waitFor();
    }
    // Answering loads no page: the scores are the browser's own.
    let documents = 0;
    const countDocuments = (request) => {
      if (request.resourceType() === 'document') documents += 1;
    };
    page.on('request', countDocuments);
    if (pageNo === 3 && !keyboardDone) {
      // Keyboard only: arrow keys choose within a group, Tab moves to the next control.
      await page.locator(`input[name="current:${keys[0]}"]`).first().focus();
      for (let i = 0; i < keys.length; i += 1) {
        await page.keyboard.press('ArrowDown'); // current level 2
        await page.keyboard.press('Tab'); // to the ambition group: it follows current, 2
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
    page.off('request', countDocuments);
    assert.equal(documents, 0, 'no page load while answering');
    const figures = await liveFigures();
    assert.match(figures.current, /^\d+$/, JSON.stringify(figures));
    await page.getByTestId('live-answered').filter({ hasText: `${keys.length} van ${keys.length} vragen beantwoord` }).waitFor();
    live.push(figures);

    if (pageNo === 2) {
      // Reload in the middle: everything shown as saved is still there.
      await page.reload();
      await page.waitForSelector('body[data-hydrated="true"]');
      for (const [i, key] of keys.entries()) {
        assert.equal(await page.locator(`input[name="current:${key}"][value="${1 + (i % 3)}"]`).isChecked(), true, key);
        assert.equal(await page.locator(`input[name="ambition:${key}"][value="4"]`).isChecked(), true, key);
      }
    }

    // Every answer is already saved, so with scripts the button only moves on.
    const next = page.getByRole('button', { name: 'Volgende', exact: true });
    if ((await next.count()) === 0) break;
    await next.click();
    await page.waitForURL((url) => url.pathname.includes('/t/') && !url.pathname.endsWith(keys[0]));
    await page.waitForFunction((k) => !document.querySelector(`input[name="current:${k}"]`), keys[0]);
    await page.waitForSelector('body[data-hydrated="true"]');
  }
  assert.ok(pageNo >= 10, `answered ${pageNo} transitions`);
  await page.getByRole('button', { name: 'Naar het overzicht', exact: true }).click();
  await page.waitForURL((url) => url.pathname === overviewPath);
  await page.getByRole('button', { name: 'Assessment afronden' }).click();
  await page.getByRole('heading', { name: /Uitkomsten/ }).waitFor();

  await page.locator('figure.radar svg').waitFor();
  // What the browser showed while answering is what the server finalised.
  for (const t of live) {
    const row = page.locator('.results table tbody tr').filter({ has: page.getByRole('rowheader', { name: t.name, exact: true }) });
    const cells = await row.locator('td').allInnerTexts();
    assert.deepEqual(cells.slice(0, 3), [t.current, t.ambition, t.gap], `${t.name}: live ${JSON.stringify(t)}, results ${cells}`);
  }
  assert.equal(live.length, pageNo);
  assert.equal(await page.locator('.radar-current').count(), 1);
  assert.ok((await page.locator('.priority-card').count()) >= 1, 'top priorities listed');
  await page.getByRole('table').waitFor();

  // Printed on A4 portrait (180 mm of text width at 96 dpi): every column of the score table
  // on the page, the gap chart at text size, and the recommended providers and consultants.
  await page.setViewportSize({ width: 680, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.site-header').isVisible(), false, 'no navigation in print');
  assert.equal(await page.locator('figure.radar').isVisible(), true, 'chart in print');
  const table = await page.evaluate(() => {
    const last = document.querySelector('.results table thead th:last-child');
    const body = document.querySelector('.results table tbody tr td:last-child');
    const gapLabel = document.querySelector('.gap-label');
    const paragraph = document.querySelector('.results p');
    return {
      lastRight: last.getBoundingClientRect().right,
      cellRight: body.getBoundingClientRect().right,
      width: document.documentElement.clientWidth,
      gapFont: parseFloat(getComputedStyle(gapLabel).fontSize),
      textFont: parseFloat(getComputedStyle(paragraph).fontSize),
    };
  });
  assert.ok(table.lastRight <= table.width + 1, `last column inside the page: ${JSON.stringify(table)}`);
  assert.ok(table.cellRight <= table.width + 1, `last cell inside the page: ${JSON.stringify(table)}`);
  assert.ok(table.gapFont <= table.textFont * 1.1, `gap labels at text size: ${JSON.stringify(table)}`);
  assert.equal(await page.locator('section.matches').isVisible(), true, 'matches in the report');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  assert.ok(pdf.length > 20000, 'an A4 report was rendered');
  // Compact: a full variant's report with its matches on a few pages (it was nine).
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
  assert.ok(pages >= 2 && pages <= 6, `the report prints on ${pages} A4 pages`);
  if (process.env.SCREENSHOT_DIR) {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${process.env.SCREENSHOT_DIR}/results-a4.pdf`, pdf);
  }
  await page.emulateMedia({ media: 'screen' });

  // On a phone the radar chart shows numbers with a key of full names, readable at 390 px.
  await page.setViewportSize({ width: 390, height: 844 });
  assert.equal(await page.locator('.radar-key').isVisible(), true, 'key to the chart on a phone');
  assert.equal(await page.locator('.radar-label').first().isVisible(), false, 'tiny names hidden');
  const keyFont = await page.locator('.radar-key li').first().evaluate((li) => parseFloat(getComputedStyle(li).fontSize));
  assert.ok(keyFont >= 12, `chart key readable: ${keyFont}px`);
  if (process.env.SCREENSHOT_DIR) {
    await page.locator('figure.radar').screenshot({ path: `${process.env.SCREENSHOT_DIR}/results-radar-390.png` });
  }

  assert.deepEqual(context.errors, []);
  await context.close();
});

test('keyboard only: the levels chosen are the levels stored', async () => {
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await startAssessment(page, { company: 'Toetsenbord BV', province: 'drenthe' });
  await page.getByRole('link', { name: 'Verder met invullen' }).click();
  await page.waitForURL(/\/t\//);
  await page.waitForSelector('body[data-hydrated="true"]');
  const [first, second] = await itemKeys(page);

  // The walk-through's case: current 4 by arrow keys, then into the ambition group and down.
  // Before the fix this stored current 2, ambition 2.
  await page.locator(`input[name="current:${first}"][value="1"]`).focus();
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowDown'); // current 4
  await page.keyboard.press('Tab'); // ambition follows current: 4
  await page.keyboard.press('ArrowDown'); // ambition 5
  // And with Space: current 1, ambition stays with it, then one up.
  await page.locator(`input[name="current:${second}"][value="1"]`).focus();
  await page.keyboard.press('Space'); // current 1
  await page.keyboard.press('Tab'); // ambition group, on 1
  await page.keyboard.press('Space'); // still 1
  await page.keyboard.press('ArrowDown'); // ambition 2
  await waitAllSaved(page);

  // What counts is what the server kept: reload and read the page it renders.
  await page.reload();
  await page.waitForSelector('body[data-hydrated="true"]');
  const checked = async (kind, key) =>
    page.$eval(`input[name="${kind}:${key}"]:checked`, (i) => i.value).catch(() => null);
  assert.equal(await checked('current', first), '4');
  assert.equal(await checked('ambition', first), '5');
  assert.equal(await checked('current', second), '1');
  assert.equal(await checked('ambition', second), '2');
  assert.deepEqual(context.errors, []);
  await context.close();
});

test('the resume link: copied with one click, or mailed to oneself', async () => {
  const context = await newContext(browser, { viewport: { width: 390, height: 844 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  const overviewPath = await startAssessment(page, {
    variant: 'Maakindustrie', company: 'Linkbewaarders BV', sector: 'metal', size: '20-49', province: 'friesland',
  });
  const link = await page.locator('#resume-link').inputValue();
  assert.ok(link.endsWith(overviewPath), link);

  await page.getByRole('button', { name: 'Link kopiëren' }).click();
  await page.getByText('Link gekopieerd.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);

  const email = uniqueEmail('bewaar');
  await page.getByLabel('Mail mij deze link').fill(email);
  await page.getByRole('button', { name: 'Versturen' }).click();
  await page.getByText('De link is onderweg naar uw mailbox.').waitFor();
  assert.equal(await linkFromMail(email, overviewPath), overviewPath);
  assert.deepEqual(context.errors, []);
  await context.close();
});
