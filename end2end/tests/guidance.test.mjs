// Guidance on a plan in Chromium on the release build, the programme's formula end to end:
// a company asks for a consultant from its plan, staff assign one with a voucher, the
// consultant logs days and writes a note and signs off, the company signs off and the plan is
// frozen as version 1, which prints on A4. Axe-core on each new page, 320 px wide.
import { test } from '@playwright/test';
import assert from 'node:assert/strict';
import {
  newContext, gotoHydrated, uniqueEmail, expectAccessible, expectNoSidewaysScroll,
  registerAndLogIn, finalisedPlan, logInAsAdmin, dutchToday,
} from './helpers.mjs';

// Playwright launches the browser (playwright.config.mjs) and closes it after the file.
let browser;
test.beforeAll(({ browser: launched }) => {
  browser = launched;
});

test('ask for guidance → staff assign → consultant logs days and signs → company signs → version 1', async () => {
  const suffix = Date.now().toString(36);
  const consultantName = `Els Adviseur ${suffix}`;
  const companyName = `Begeleid Metaal ${suffix}`;

  // A consultant with a published profile.
  const consultantContext = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const consultant = await consultantContext.newPage();
  await registerAndLogIn(consultant, 'Adviseur', uniqueEmail('els'), consultantName);
  await gotoHydrated(consultant, '/profile');
  await consultant.getByLabel('Korte pitch').fill('Van assessment naar een plan dat u uitvoert');
  await consultant.getByLabel('Datamanagement').check();
  await consultant.getByLabel('Procesindustrie').check();
  await consultant.getByRole('button', { name: 'Indienen ter beoordeling' }).click();
  await consultant.getByText('Uw profiel is ingediend').waitFor();
  const staffContext = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const staff = await staffContext.newPage();
  await logInAsAdmin(staff);
  await gotoHydrated(staff, '/staff/profiles');
  await staff.getByRole('link', { name: consultantName }).click();
  await staff.getByRole('button', { name: 'Goedkeuren en publiceren' }).click();
  await staff.getByText('De beslissing is verwerkt').waitFor();

  // The company asks for guidance from its plan, preferring that consultant.
  const companyContext = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const company = await companyContext.newPage();
  await registerAndLogIn(company, 'Productiebedrijf', uniqueEmail('eva'), 'Eva Smit', companyName);
  const plan = await finalisedPlan(company, companyName);
  const guidance = company.locator('#guidance');
  const choice = guidance.getByLabel('Adviseur');
  const offered = await choice.locator('option').allInnerTexts();
  if (offered.includes(consultantName)) await choice.selectOption({ label: consultantName });
  await guidance.getByLabel(/Waar wilt u hulp bij/).fill('Welke stap eerst, en hoe begroten we de eerste stap?');
  await guidance.getByRole('button', { name: 'Vraag begeleiding' }).click();
  await company.getByText('Uw aanvraag is verstuurd.').waitFor();
  await company.getByText(/Aangevraagd op .* door Eva Smit/).waitFor();

  // Staff assign the consultant with the default voucher.
  await gotoHydrated(staff, '/staff/guidance');
  await expectAccessible(staff, '/staff/guidance');
  const row = staff.locator('li.card', { hasText: companyName });
  await row.getByLabel('Adviseur').selectOption({ label: consultantName });
  assert.equal(await row.getByLabel('Voucher (dagen)').inputValue(), '4');
  await row.getByRole('button', { name: 'Wijs toe' }).click();
  await staff.getByText('De adviseur is toegewezen').waitFor();

  // The consultant finds the company in their list, logs a day and a half, notes and signs.
  await gotoHydrated(consultant, '/guidance');
  await consultant.getByRole('link', { name: companyName }).click();
  await consultant.getByRole('heading', { name: /Uw stappenplan digitalisering/, level: 1 }).waitFor();
  const consultantPlan = new URL(consultant.url()).pathname;
  assert.match(consultantPlan, /^\/assessment\/o\d+\/plan$/);
  const section = consultant.locator('#guidance');
  await section.getByText('Voucher: 0 van 4 dagen gebruikt').waitFor();
  const today = dutchToday();
  await section.getByLabel('Dag', { exact: true }).fill(today);
  await section.getByLabel('Dagen', { exact: true }).fill('1,5');
  await section.getByLabel('Toelichting').fill('Intake en eerste werksessie');
  await section.getByRole('button', { name: 'Schrijf de dagen' }).click();
  await consultant.getByText('De dagen zijn geschreven.').waitFor();
  await consultant.locator('#guidance').getByText('Voucher: 1,5 van 4 dagen gebruikt').waitFor();
  // More than the voucher holds is refused with a message, and nothing typed is lost.
  await consultant.locator('#guidance').getByLabel('Dag', { exact: true }).fill(today);
  await consultant.locator('#guidance').getByLabel('Dagen', { exact: true }).fill('3');
  await consultant.locator('#guidance').getByRole('button', { name: 'Schrijf de dagen' }).click();
  await consultant.getByRole('alert').filter({ hasText: 'past niet meer in de voucher' }).waitFor();
  assert.equal(await consultant.locator('#guidance').getByLabel('Dagen', { exact: true }).inputValue(), '3');
  await consultant.locator('#guidance').getByLabel('Nieuwe notitie').fill('Eerst de bronnen op één plek, dan de analyse.');
  await consultant.locator('#guidance').getByRole('button', { name: 'Voeg de notitie toe' }).click();
  await consultant.getByText('De notitie is toegevoegd.').waitFor();
  await expectAccessible(consultant, `${consultantPlan} as the consultant`);
  await consultant.locator('#guidance').getByRole('button', { name: 'Ik ga akkoord met dit plan' }).click();
  await consultant.getByText(/Uw akkoord is vastgelegd/).waitFor();

  // The company reads the note and signs off by keyboard: version 1.
  await gotoHydrated(company, plan);
  await company.locator('#guidance').getByText('Eerst de bronnen op één plek, dan de analyse.').waitFor();
  await company.locator('#guidance').getByText(/Adviseur: akkoord door/).waitFor();
  await company.locator('#guidance').getByRole('button', { name: 'Ik ga akkoord met dit plan' }).focus();
  await company.keyboard.press('Enter');
  await company.getByText('Beide partijen zijn akkoord').waitFor();
  await company.getByText(/Stappenplan v1, akkoord op/).first().waitFor();
  await expectAccessible(company, `${plan} agreed`);
  await company.setViewportSize({ width: 320, height: 720 });
  await expectNoSidewaysScroll(company, `${plan} with guidance at 320 px`);
  if (process.env.SCREENSHOT_DIR) {
    await company.setViewportSize({ width: 390, height: 844 });
    await company.locator('#guidance').screenshot({ path: `${process.env.SCREENSHOT_DIR}/plan-guidance-390.png` });
  }

  // The frozen version prints on A4.
  await company.setViewportSize({ width: 1280, height: 900 });
  await company.locator('#guidance').getByRole('link', { name: /Stappenplan v1/ }).click();
  await company.getByText(/Akkoord namens het bedrijf: Eva Smit/).waitFor();
  await expectAccessible(company, 'the agreed version');
  await company.emulateMedia({ media: 'print' });
  const pdf = await company.pdf({ format: 'A4', printBackground: true });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
  assert.ok(pages >= 1 && pages <= 3, `version 1 prints on ${pages} A4 pages`);
  if (process.env.SCREENSHOT_DIR) {
    await company.screenshot({ path: `${process.env.SCREENSHOT_DIR}/plan-version-print.png`, fullPage: true });
  }

  // Staff end the trajectory: the consultant's link to the plan stops working at once.
  await gotoHydrated(staff, '/staff/guidance');
  await staff.locator('li.card', { hasText: companyName }).getByRole('button', { name: 'Sluit het traject af' }).click();
  await staff.getByText('Het traject is afgesloten').waitFor();
  await consultant.goto(consultantPlan);
  await consultant.getByText(/niet gevonden|bestaat niet/i).first().waitFor();

  for (const context of [consultantContext, staffContext, companyContext]) {
    assert.deepEqual(context.errors, []);
    await context.close();
  }
});

test('without JavaScript: a company asks for guidance and withdraws; a refused request keeps what was typed', async () => {
  const suffix = Date.now().toString(36);
  const setup = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = await setup.newPage();
  await registerAndLogIn(page, 'Productiebedrijf', uniqueEmail('kees'), 'Kees Plain', `Zonder Script Staal ${suffix}`);
  const plan = await finalisedPlan(page, `Zonder Script Staal ${suffix}`);
  const signedIn = await setup.storageState();
  await setup.close();

  const context = await newContext(browser, { viewport: { width: 390, height: 844 }, javaScriptEnabled: false, storageState: signedIn });
  const plain = await context.newPage();
  await plain.goto(plan);
  // A direction override in the question is refused; the question stays in the field.
  const tricky = 'Hulp bij de \u202Eplanning';
  await plain.locator('#guidance').getByLabel(/Waar wilt u hulp bij/).fill(tricky);
  await plain.locator('#guidance').getByRole('button', { name: 'Vraag begeleiding' }).click();
  await plain.getByRole('alert').first().waitFor();
  assert.equal(await plain.locator('#guidance').getByLabel(/Waar wilt u hulp bij/).inputValue(), tricky);
  // Asked plainly, the request is sent and shown.
  const question = 'Welke stap eerst? We hebben weinig tijd in het voorjaar.';
  await plain.locator('#guidance').getByLabel(/Waar wilt u hulp bij/).fill(question);
  await plain.locator('#guidance').getByRole('button', { name: 'Vraag begeleiding' }).click();
  await plain.getByText('Uw aanvraag is verstuurd.').waitFor();
  await plain.locator('#guidance').getByText(/Aangevraagd op .* door Kees Plain/).waitFor();
  await plain.locator('#guidance').getByText(question).waitFor();
  await expectNoSidewaysScroll(plain, `${plan} with a request, no JavaScript, 390 px`);
  // And withdrawn again: the form to ask is back.
  await plain.locator('#guidance').getByRole('button', { name: 'Trek de aanvraag in' }).click();
  await plain.getByText('De aanvraag is ingetrokken.').waitFor();
  await plain.locator('#guidance').getByRole('button', { name: 'Vraag begeleiding' }).waitFor();
  assert.deepEqual(context.errors, []);
  await context.close();
});
