// The digitalisation plan in Chromium on the release build: drafted the moment an assessment
// is finalised, one step changed by keyboard only (and what was stored checked after a
// reload), a step of one's own, the same without JavaScript (also a refused save that keeps
// what was typed), axe-core, 320 px, and the plan printed on A4 with the summary first.
import { test } from '@playwright/test';
import assert from 'node:assert/strict';
import {
  newContext, expectAccessible, expectNoSidewaysScroll, finalisedPlan,
} from './helpers.mjs';

// Playwright launches the browser (playwright.config.mjs) and closes it after the file.
let browser;
test.beforeAll(({ browser: launched }) => {
  browser = launched;
});

test('a finalised assessment is a plan at once; a step changed by keyboard is stored', async () => {
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const plan = await finalisedPlan(page, 'Stappenplan Toetsenbord BV');
  const steps = page.locator('li.plan-step');
  assert.equal(await steps.count(), 3, 'three steps drafted from the data theme');
  // Sources and quality come before analysis, which names them.
  assert.match(await steps.nth(2).locator('.plan-step-needs').innerText(), /^Eerst: /);

  // Keyboard only on the first step: a new title, status one down, the owner typed.
  const first = steps.first();
  await first.getByLabel('Stap', { exact: true }).focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Alle meetgegevens in één systeem');
  await page.keyboard.press('Tab'); // status
  await page.keyboard.press('ArrowDown'); // Gepland -> Bezig
  await page.keyboard.press('Tab'); // when
  await page.keyboard.press('Tab'); // owner
  await page.keyboard.type('Anna de Vries');
  await page.keyboard.press('Tab'); // leaving the field saves it
  await first.locator('[data-save-status]').filter({ hasText: 'Opgeslagen' }).waitFor();
  await page.reload();
  const stored = page.locator('li.plan-step').first();
  assert.equal(await stored.getByLabel('Stap', { exact: true }).inputValue(), 'Alle meetgegevens in één systeem');
  assert.equal(await stored.getByLabel('Status').inputValue(), 'in_progress');
  assert.equal(await stored.getByLabel('Wie pakt het op').inputValue(), 'Anna de Vries');
  await page.locator('.plan-history').getByText(/wijzigde “Alle meetgegevens in één systeem”/).first().waitFor();

  // A step of one's own.
  const add = page.locator('section.plan-add');
  await add.getByLabel('Stap', { exact: true }).fill('Masterclass datagedreven werken volgen');
  await add.getByLabel('Wanneer').selectOption('now');
  await add.getByRole('button', { name: 'Stap toevoegen' }).click();
  await page.getByText('De stap staat in uw plan.').waitFor();
  assert.equal(await page.locator('li.plan-step').count(), 4);

  await expectAccessible(page, plan);
  await page.setViewportSize({ width: 320, height: 720 });
  await expectNoSidewaysScroll(page, `${plan} at 320 px`);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysScroll(page, `${plan} at 390 px`);
  if (process.env.SCREENSHOT_DIR) {
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/plan-390.png`, fullPage: false });
  }

  // Printed: no forms, every step with its owner and status, the summary alone on page one.
  await page.setViewportSize({ width: 680, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.plan-step-form').first().isVisible(), false, 'no forms on paper');
  assert.match(await page.locator('li.plan-step .print-only').first().innerText(), /Status: Bezig .*Wie: Anna de Vries/);
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
  assert.ok(pages >= 2 && pages <= 4, `the plan prints on ${pages} A4 pages`);
  if (process.env.SCREENSHOT_DIR) {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${process.env.SCREENSHOT_DIR}/plan-a4.pdf`, pdf);
  }
  assert.deepEqual(context.errors, []);
  await context.close();
});

test('without JavaScript: a step is saved with its button, and a refusal keeps what was typed', async () => {
  const setup = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = await setup.newPage();
  const plan = await finalisedPlan(page, 'Stappenplan Zonder Script BV');
  await setup.close();

  const context = await newContext(browser, { viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  const plain = await context.newPage();
  await plain.goto(plan);
  const second = plain.locator('li.plan-step').nth(1);
  await second.getByLabel('Wie pakt het op').fill('Bram Bakker');
  await second.getByLabel('Status').selectOption('dropped');
  await second.getByRole('button', { name: 'Stap opslaan' }).click();
  // Dropped without a reason: refused at this step, the name typed is still there.
  const refused = plain.locator('li.plan-step').nth(1);
  await refused.getByRole('alert').filter({ hasText: 'waarom de stap vervalt' }).waitFor();
  assert.equal(await refused.getByLabel('Wie pakt het op').inputValue(), 'Bram Bakker');
  assert.equal(await refused.getByLabel('Status').inputValue(), 'dropped');
  assert.equal(await plain.locator('li.plan-step').first().getByRole('alert').count(), 0, 'only at the step that failed');
  await refused.getByLabel('Waarom vervallen').fill('Eerst de basis op orde; volgend jaar opnieuw bekijken.');
  await refused.getByRole('button', { name: 'Stap opslaan' }).click();
  await plain.getByText('De stap is opgeslagen.').waitFor();
  const dropped = plain.locator('li.plan-step.plan-step-dropped');
  assert.equal(await dropped.count(), 1);
  assert.equal(await dropped.getByLabel('Wie pakt het op').inputValue(), 'Bram Bakker');
  assert.deepEqual(context.errors, []);
  await context.close();
});
