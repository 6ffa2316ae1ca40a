// Plan step templates in Chromium on the release build: staff write advice for the biggest
// companies on one question with the keyboard only and save it as a new questionnaire version;
// a company of that size gets the advice in its plan, a smaller one does not. A refused save
// without JavaScript keeps what was typed. axe-core and 320 px on both staff pages.
import { test } from '@playwright/test';
import assert from 'node:assert/strict';
import {
  newContext, gotoHydrated, logInAsAdmin, expectAccessible, expectNoSidewaysScroll, finalisedPlan,
} from './helpers.mjs';

// Playwright launches the browser (playwright.config.mjs) and closes it after the file.
let browser;
test.beforeAll(({ browser: launched }) => {
  browser = launched;
});

const ADVICE_NL = 'Stel een data-analist aan en maak een dashboard per lijn.';
const ADVICE_EN = 'Appoint a data analyst and build a dashboard per line.';

test('staff write advice for one size; that size finds it in its plan', async () => {
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await logInAsAdmin(page);
  await gotoHydrated(page, '/staff/questionnaires');
  await page.getByRole('link', { name: 'Stapsjablonen' }).nth(2).click(); // Procesindustrie
  await page.getByRole('heading', { name: /Stapsjablonen voor het stappenplan: Procesindustrie/ }).waitFor();
  await expectAccessible(page, 'step template list');
  await page.getByRole('link', { name: 'Hoe gebruikt u data om beslissingen te nemen?' }).click();
  await page.getByRole('heading', { name: 'Hoe gebruikt u data om beslissingen te nemen?', level: 1 }).waitFor();
  await page.waitForSelector('body[data-hydrated="true"]');

  // Keyboard only: open "step to level 2", go to the biggest size's Dutch field, type both.
  const level2 = page.locator('details', { hasText: 'Stap naar niveau 2' });
  await level2.locator('summary').focus();
  await page.keyboard.press('Enter');
  const big = level2.locator('fieldset', { hasText: 'Bedrijven met 200 of meer medewerkers' });
  await big.getByLabel('Nederlands').focus();
  await page.keyboard.type(ADVICE_NL);
  await page.keyboard.press('Tab');
  await page.keyboard.type(ADVICE_EN);
  await expectAccessible(page, 'step template form');
  await page.getByLabel('Wat is er veranderd? (optioneel)').focus();
  await page.keyboard.type('Advies voor grote bedrijven');
  await page.keyboard.press('Enter'); // submits the form
  await page.getByTestId('published').waitFor();
  assert.match(await page.getByTestId('published').innerText(), /Opgeslagen als versie \d+/);
  assert.equal(await big.getByLabel('Nederlands').inputValue(), ADVICE_NL, 'stored and shown again');
  assert.equal(await big.getByLabel('Engels').inputValue(), ADVICE_EN);
  await page.setViewportSize({ width: 320, height: 720 });
  await expectNoSidewaysScroll(page, 'step template form at 320 px');
  if (process.env.SCREENSHOT_DIR) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/step-templates-1280.png`, fullPage: false });
  }
  assert.deepEqual(context.errors, []);
  await context.close();

  // A 200+ company's plan shows it at the analysis step; a 50-99 company's does not.
  const company = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const c = await company.newPage();
  await finalisedPlan(c, 'Grote Zuivel BV', '200plus');
  await c.locator('.plan-step-advice', { hasText: ADVICE_NL }).waitFor();
  assert.match(await c.locator('.plan-step-advice').first().innerText(), /^Aanpak:/);
  await finalisedPlan(c, 'Kleine Zuivel BV', '50-99');
  assert.equal(await c.locator('.plan-step-advice', { hasText: ADVICE_NL }).count(), 0);
  assert.deepEqual(company.errors, []);
  await company.close();
});

test('without JavaScript a refused save keeps what was typed', async () => {
  const setup = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const login = await setup.newPage();
  await logInAsAdmin(login);
  const cookies = await setup.cookies();
  await setup.close();
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  await context.addCookies(cookies);
  const page = await context.newPage();
  await page.goto('/staff/questionnaires/process/steps/data.quality');
  const level3 = page.locator('details', { hasText: 'Stap naar niveau 3' });
  await level3.locator('summary').click();
  const every = level3.locator('fieldset', { hasText: 'Elke bedrijfsgrootte' });
  await every.getByLabel('Nederlands').fill('Alleen in het Nederlands getypt');
  await page.getByRole('button', { name: 'Opslaan als nieuwe versie' }).click();
  await page.getByRole('alert').filter({ hasText: 'in het Nederlands én in het Engels' }).waitFor();
  const kept = page.locator('details', { hasText: 'Stap naar niveau 3' }).locator('fieldset', { hasText: 'Elke bedrijfsgrootte' });
  assert.equal(await kept.getByLabel('Nederlands').inputValue(), 'Alleen in het Nederlands getypt');
  assert.deepEqual(context.errors, []);
  await context.close();
});
