// Events in Chromium on the release build: staff create and publish an event with one seat,
// a visitor signs up and confirms through the e-mail link, a second one lands on the waiting
// list, the first cancels through the link in the mail, the second is promoted, and staff
// check the participant in on a phone-sized screen.
import { test } from '@playwright/test';
import assert from 'node:assert/strict';
import {
  newContext, gotoHydrated, uniqueEmail, linkFromMail, expectAccessible, ADMIN_EMAIL, ADMIN_PASSWORD,
} from './helpers.mjs';

// Playwright launches the browser (playwright.config.mjs) and closes it after the file.
let browser;
test.beforeAll(({ browser: launched }) => {
  browser = launched;
});

async function staffLogin(context) {
  const page = await context.newPage();
  await gotoHydrated(page, '/login');
  await page.getByLabel('E-mailadres').fill(ADMIN_EMAIL);
  await page.getByLabel('Wachtwoord').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('link', { name: 'Medewerkers' }).waitFor();
  return page;
}

async function visitorSignsUp(page, eventPath, name, email) {
  await gotoHydrated(page, eventPath);
  await page.getByLabel('Uw naam').fill(name);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Naam van uw bedrijf of organisatie').fill('Kaasmakerij Noord');
  await page.getByLabel(/Ik ga ermee akkoord/).check();
  await page.getByRole('button', { name: /Aanmelden|Op de wachtlijst zetten/ }).click();
  await page.getByText('Bijna klaar').waitFor();
  await gotoHydrated(page, await linkFromMail(email, '/signup/confirm?token='));
  await page.getByRole('button', { name: 'Bevestig mijn aanmelding' }).click();
}

test('create, sign up, confirm, waiting list, cancel by link, promotion, check-in on a phone', async () => {
  const title = `Masterclass OEE ${Date.now().toString(36)}`;
  const day = new Date(Date.now() + 10 * 86400000).toISOString().slice(0, 10);

  // Staff create and publish an event with one seat.
  const staffContext = await newContext(browser);
  const staff = await staffLogin(staffContext);
  await gotoHydrated(staff, '/staff/new-event');
  await staff.getByLabel('Titel (Nederlands)').fill(title);
  await staff.getByLabel('Beschrijving (Nederlands)').fill('Wat OEE is en hoe u het meet.');
  await staff.getByLabel('Datamanagement').check();
  await staff.getByLabel('Sessie 1: datum').fill(day);
  await staff.getByLabel('Begin').first().fill('13:30');
  await staff.getByLabel('Einde').first().fill('17:00');
  await staff.getByLabel('Waar', { exact: true }).fill('Zernike Campus, Groningen');
  await staff.getByLabel('Aantal plaatsen').fill('0');
  await staff.getByRole('button', { name: 'Bijeenkomst bewaren' }).click();
  // A bad value is refused in place; what was typed stays.
  await staff.getByRole('alert').filter({ hasText: 'aantal plaatsen' }).waitFor();
  assert.equal(await staff.getByLabel('Titel (Nederlands)').inputValue(), title);
  await staff.getByLabel('Aantal plaatsen').fill('1');
  await staff.getByRole('button', { name: 'Bijeenkomst bewaren' }).click();
  await staff.getByText('De bijeenkomst is bewaard.').waitFor();
  await staff.waitForSelector('body[data-hydrated="true"]');
  const eventAdminPath = new URL(staff.url()).pathname;
  await staff.getByRole('button', { name: 'Publiceren' }).click();
  await staff.getByText('De bijeenkomst is gepubliceerd').waitFor();

  // The agenda lists it with its free seat.
  const visitorContext = await newContext(browser);
  const visitor = await visitorContext.newPage();
  await gotoHydrated(visitor, '/events');
  const card = visitor.locator('.event-card', { hasText: title });
  await card.getByText('Nog 1 plaats vrij').waitFor();
  // The agenda's filters apply the moment a choice changes, without a page load.
  await visitor.evaluate(() => { window.samePage = true; });
  await visitor.getByLabel('Wanneer', { exact: true }).selectOption('past');
  await visitor.waitForURL(/when=past/);
  await card.waitFor({ state: 'detached' });
  assert.equal(await visitor.evaluate(() => window.samePage), true, 'no page load');
  await visitor.getByLabel('Wanneer', { exact: true }).selectOption('');
  await card.getByText('Nog 1 plaats vrij').waitFor();
  await card.getByRole('link', { name: title }).click();
  await visitor.getByRole('heading', { name: title }).waitFor();
  const eventPath = new URL(visitor.url()).pathname;
  await expectAccessible(visitor, 'the public event page');

  // Without JavaScript a refused sign-up comes back with everything as typed, consent
  // included, and none of it in the address bar.
  const plainContext = await newContext(browser, { javaScriptEnabled: false });
  const plain = await plainContext.newPage();
  await plain.goto(eventPath);
  await plain.getByLabel('Uw naam').fill('Piet Plain');
  await plain.getByLabel('E-mailadres').fill('piet@localhost');
  await plain.getByLabel('Naam van uw bedrijf of organisatie').fill('Zuivel Plain BV');
  await plain.getByLabel(/Ik ga ermee akkoord/).check();
  await plain.getByRole('button', { name: /Aanmelden/ }).click();
  await plain.getByRole('alert').first().waitFor();
  assert.equal(await plain.getByLabel('Uw naam').inputValue(), 'Piet Plain');
  assert.equal(await plain.getByLabel('Naam van uw bedrijf of organisatie').inputValue(), 'Zuivel Plain BV');
  assert.equal(await plain.getByLabel(/Ik ga ermee akkoord/).isChecked(), true, 'consent stays ticked');
  assert.ok(!plain.url().includes('Piet') && !plain.url().includes('Plain'), plain.url());
  // Entered in Dutch only: in English the Dutch description shows, marked as such.
  await plainContext.addCookies([{ name: 'sih_lang', value: 'en', url: new URL(plain.url()).origin }]);
  await plain.goto(eventPath);
  await plain.getByText('Wat OEE is en hoe u het meet.').waitFor();
  await plain.getByText('(in Dutch)').waitFor();
  await plainContext.close();

  const first = uniqueEmail('eerste');
  await visitorSignsUp(visitor, eventPath, 'Eva Eerste', first);
  await visitor.getByText('U bent aangemeld.').waitFor();

  const secondContext = await newContext(browser);
  const secondPage = await secondContext.newPage();
  const second = uniqueEmail('tweede');
  await visitorSignsUp(secondPage, eventPath, 'Tom Tweede', second);
  await secondPage.getByText('u staat op plaats 1 van de wachtlijst').waitFor();

  // The first cancels through the link in the confirmation mail.
  await gotoHydrated(visitor, await linkFromMail(first, '/signup/cancel?token='));
  await visitor.getByText(`Eva Eerste, wilt u zich afmelden voor ${title}?`).waitFor();
  await visitor.getByRole('button', { name: 'Ja, meld mij af' }).click();
  await visitor.getByText('Uw aanmelding is geannuleerd.').waitFor();

  // The second got the seat: staff see them as participant, and check them in on a phone.
  await gotoHydrated(staff, eventAdminPath);
  const participants = staff.locator('table').first();
  await participants.getByText('Tom Tweede').waitFor();
  await expectAccessible(staff, 'the staff event page');
  assert.equal(await participants.getByText('Eva Eerste').count(), 0);

  const phoneContext = await newContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await staffLogin(phoneContext);
  await gotoHydrated(phone, `${eventAdminPath}/check-in`);
  await phone.getByText('0 van 1 aanwezig').waitFor();
  await expectAccessible(phone, 'the check-in page');
  const row = phone.locator('.check-in-list li', { hasText: 'Tom Tweede' });
  const button = row.getByRole('button', { name: 'Aanwezig' });
  const box = await button.boundingBox();
  assert.ok(box && box.x + box.width <= 390, 'button fits on the screen');
  await button.tap();
  await phone.getByText('1 van 1 aanwezig').waitFor();
  await row.getByRole('button', { name: 'Ongedaan maken' }).waitFor();
  // The filter at the door (a few lines of script) narrows the list as one types, by name or organisation.
  await phone.waitForSelector('body[data-hydrated="true"]');
  const filter = phone.locator('#check-in-filter');
  await filter.fill('niemand-heet-zo');
  assert.equal(await row.isVisible(), false, 'a row that does not match is hidden');
  await filter.fill('TOM');
  assert.equal(await row.isVisible(), true, 'matching ignores case');
  await filter.fill('');
  assert.equal(await row.isVisible(), true);

  for (const ctx of [staffContext, visitorContext, secondContext, phoneContext]) {
    assert.deepEqual(ctx.errors, []);
    await ctx.close();
  }
});
