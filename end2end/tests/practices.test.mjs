// Best practices and the help at a plan's steps, in Chromium on the release build: staff write a
// case (a refused save keeps what was typed), add a photo and publish it; a visitor filters the
// list and reads the case (also in English, without script and at 320 px); a company opens the
// help under a step with the keyboard only, sees the case and a masterclass on its theme, and
// adds the masterclass as a step, which is what gets stored.
import { test } from '@playwright/test';
import assert from 'node:assert/strict';
import {
  newContext, gotoHydrated, uniqueEmail, expectAccessible, expectNoSidewaysScroll,
  registerAndLogIn, finalisedPlan, logInAsAdmin,
} from './helpers.mjs';

// Playwright launches the browser (playwright.config.mjs) and closes it after the file.
let browser;
test.beforeAll(({ browser: launched }) => {
  browser = launched;
});

const shots = process.env.SCREENSHOT_DIR;

test('a best practice from draft to a plan step; a masterclass added as a step by keyboard', async () => {
  const suffix = Date.now().toString(36);
  const title = `Sensoren op de vullijn ${suffix}`;
  const masterclass = `Masterclass datakwaliteit ${suffix}`;

  // Staff write the case; without a transition it is refused in place, the text kept.
  const staffContext = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const staff = await staffContext.newPage();
  await logInAsAdmin(staff);
  await gotoHydrated(staff, '/staff/practices/new');
  await staff.getByLabel('Titel (Nederlands)').fill(title);
  await staff.getByLabel('Titel (Engels)').fill(`Sensors on the filling line ${suffix}`);
  await staff.getByLabel('Soort bedrijf').selectOption('process');
  await staff.getByLabel('Bedrijfsgrootte').selectOption('50-99');
  await staff.getByLabel('Regio').selectOption('groningen');
  await staff.getByLabel('De situatie vooraf (Nederlands)').fill('Vullingen met de hand gecontroleerd.');
  await staff.getByLabel('Wat er is gedaan (Nederlands)').fill('Sensoren meten elke vulling; afwijkingen geven een melding.');
  await staff.getByLabel('Het resultaat (Nederlands)').fill('Overvulling 40 % minder\nTerugverdiend in een jaar.');
  await staff.getByLabel('Het resultaat (Engels)').fill('Overfilling down 40 %');
  await staff.getByRole('button', { name: 'Opslaan' }).click();
  await staff.getByRole('alert').filter({ hasText: 'transitie' }).waitFor();
  assert.equal(await staff.getByLabel('Titel (Nederlands)').inputValue(), title);
  await staff.getByLabel('Datamanagement').check();
  // A photo over 2 MB is refused before the handler reads it (HTTP 413): the upload form's
  // script says so under the photo field and puts the focus there; nothing typed is lost.
  await staff.getByLabel('Foto toevoegen').setInputFiles({ name: 'groot.png', mimeType: 'image/png', buffer: Buffer.alloc(3 * 1024 * 1024, 7) });
  await staff.getByRole('button', { name: 'Opslaan' }).click();
  await staff.locator('#field-photo-error').filter({ hasText: 'groter dan 2 MB' }).waitFor();
  assert.equal(await staff.evaluate(() => document.activeElement.id), 'field-photo');
  assert.equal(await staff.locator('#field-photo').getAttribute('aria-invalid'), 'true');
  assert.equal(await staff.getByLabel('Titel (Nederlands)').inputValue(), title);
  const photo = await staff.screenshot({ clip: { x: 0, y: 0, width: 480, height: 320 } });
  await staff.getByLabel('Foto toevoegen').setInputFiles({ name: 'vullijn.png', mimeType: 'image/png', buffer: photo });
  await staff.getByRole('button', { name: 'Opslaan' }).click();
  await staff.getByText('Het praktijkvoorbeeld is opgeslagen.').waitFor();
  await staff.getByRole('img', { name: 'Foto 1' }).waitFor();
  await expectAccessible(staff, 'the staff case form');
  await staff.getByRole('button', { name: 'Publiceren' }).click();
  await staff.getByText('Het praktijkvoorbeeld is gepubliceerd.').waitFor();

  // And a masterclass on data, published.
  const day = new Date(Date.now() + 45 * 86400000).toISOString().slice(0, 10);
  await gotoHydrated(staff, '/staff/new-event');
  await staff.getByLabel('Titel (Nederlands)').fill(masterclass);
  await staff.getByLabel('Beschrijving (Nederlands)').fill('Data die u kunt vertrouwen.');
  await staff.getByLabel('Datamanagement').check();
  await staff.getByLabel('Sessie 1: datum').fill(day);
  await staff.getByLabel('Begin').first().fill('13:30');
  await staff.getByLabel('Einde').first().fill('17:00');
  await staff.getByLabel('Waar', { exact: true }).fill('Zernike Campus, Groningen');
  await staff.getByLabel('Aantal plaatsen').fill('20');
  await staff.getByRole('button', { name: 'Bijeenkomst bewaren' }).click();
  await staff.getByText('De bijeenkomst is bewaard.').waitFor();
  await staff.waitForSelector('body[data-hydrated="true"]');
  await staff.getByRole('button', { name: 'Publiceren' }).click();
  await staff.getByText('De bijeenkomst is gepubliceerd').waitFor();

  // A visitor filters the list and reads the case.
  const visitorContext = await newContext(browser, { viewport: { width: 390, height: 844 } });
  const visitor = await visitorContext.newPage();
  await gotoHydrated(visitor, '/practices');
  await visitor.getByLabel('Transitie').selectOption({ label: 'Datamanagement' });
  await visitor.getByLabel('Bedrijfsgrootte').selectOption('50-99');
  await visitor.getByRole('button', { name: 'Toon resultaten' }).click();
  await visitor.waitForURL(/transition=data/);
  await visitor.getByRole('link', { name: title }).click();
  await visitor.getByRole('heading', { name: title, level: 1 }).waitFor();
  await visitor.getByRole('img', { name: new RegExp(`Foto 1 bij`) }).waitFor();
  await visitor.getByText('Sensoren meten elke vulling').waitFor();
  await expectAccessible(visitor, 'a case page');
  await expectNoSidewaysScroll(visitor, 'a case page at 390 px');
  if (shots) await visitor.screenshot({ path: `${shots}/practice-390.png`, fullPage: true });
  const casePath = new URL(visitor.url()).pathname;
  await visitor.setViewportSize({ width: 320, height: 720 });
  await expectNoSidewaysScroll(visitor, 'a case page at 320 px');

  // In English, and without script: the list filters by a plain form post.
  const plainContext = await newContext(browser, { javaScriptEnabled: false });
  const plain = await plainContext.newPage();
  await plainContext.addCookies([{ name: 'sih_lang', value: 'en', url: new URL(visitor.url()).origin }]);
  await plain.goto(casePath);
  await plain.getByRole('heading', { name: `Sensors on the filling line ${suffix}` }).waitFor();
  await plain.getByText('Overfilling down 40 %').waitFor();
  await plain.goto('/practices');
  await plain.getByLabel('Transition').selectOption('energy');
  await plain.getByRole('button', { name: /Show results/ }).click();
  await plain.waitForURL(/transition=energy/);
  assert.equal(await plain.getByRole('link', { name: /Sensors on the filling line/ }).count(), 0);
  await plainContext.close();

  // A company's plan: the help under a data step, opened and used with the keyboard only.
  const companyContext = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const company = await companyContext.newPage();
  const companyName = `Vullijn BV ${suffix}`;
  await registerAndLogIn(company, 'Productiebedrijf', uniqueEmail('vul'), 'Fenna Vos', companyName);
  const plan = await finalisedPlan(company, companyName);
  const stepsBefore = await company.locator('.plan-step').count();
  const help = company.locator('.plan-step-help').first();
  await help.locator('summary').focus();
  await company.keyboard.press('Enter');
  await help.getByRole('link', { name: title }).waitFor();
  await help.getByRole('link', { name: masterclass }).waitFor();
  await expectAccessible(company, 'the plan with a step\'s help open');
  const add = help.getByRole('button', { name: new RegExp(`Als stap toevoegen: “${masterclass}”`) });
  await add.focus();
  await company.keyboard.press('Enter');
  await company.getByText('De stap staat in uw plan.').waitFor();
  assert.equal(await company.locator('.plan-step').count(), stepsBefore + 1);
  // Stored: the new step is the masterclass, on its day, linked to the event.
  const reference = plan.split('/')[2];
  const stored = await company.evaluate(async (ref) => {
    const r = await fetch('/api/plan/get', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `reference=${ref}` });
    return r.json();
  }, reference);
  const step = stored.steps.find((s) => s.event);
  assert.equal(step.title, masterclass);
  assert.equal(step.target_date, day);
  assert.equal(step.horizon, 'Within6Months');
  await company.locator('.plan-step', { hasText: masterclass }).getByRole('link', { name: 'informatie en aanmelden' }).waitFor();
  // The masterclass is no longer offered under the other steps.
  assert.equal(await company.getByRole('button', { name: new RegExp(`Als stap toevoegen: “${masterclass}”`) }).count(), 0);
  await company.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysScroll(company, 'the plan at 390 px');
  if (shots) {
    await company.locator('.plan-step-help').first().evaluate((d) => { d.open = true; });
    await company.screenshot({ path: `${shots}/plan-help-390.png`, fullPage: true });
  }

  for (const c of [staffContext, visitorContext, companyContext]) {
    assert.deepEqual(c.errors, []);
    await c.close();
  }
});
