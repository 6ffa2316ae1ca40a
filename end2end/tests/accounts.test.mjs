// The foundation's user story in a real browser on the release build: register, verify via the
// mail, log in, switch language, log out; the log-in form without JavaScript.
import { test } from '@playwright/test';
import assert from 'node:assert/strict';
import { newContext, gotoHydrated, uniqueEmail, linkFromMail, expectAccessible } from './helpers.mjs';

const PASSWORD = 'tandwiel-koffie-molen-8';
// Playwright launches the browser (playwright.config.mjs) and closes it after the file.
let browser;
test.beforeAll(({ browser: launched }) => {
  browser = launched;
});

async function register(page, email) {
  await gotoHydrated(page, '/register');
  await page.getByLabel('Productiebedrijf').check();
  await page.getByLabel('Uw naam').fill('Anna de Vries');
  await page.getByLabel('Naam van uw bedrijf of organisatie').fill('Metaalbewerking Noord BV');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Account aanmaken' }).click();
  await page.getByRole('heading', { name: 'Kijk in uw mailbox' }).waitFor();
}

test('register, verify through the mailed link, log in, switch language, log out', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const email = uniqueEmail('anna');

  // A weak password is refused with a message, and what was typed stays.
  await gotoHydrated(page, '/register');
  await page.getByLabel('Uw naam').fill('Anna de Vries');
  await page.getByLabel('Naam van uw bedrijf of organisatie').fill('Metaalbewerking Noord BV');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill('password12345');
  await page.getByRole('button', { name: 'Account aanmaken' }).click();
  await page.getByRole('alert').filter({ hasText: 'te makkelijk te raden' }).waitFor();
  assert.equal(await page.getByLabel('E-mailadres').inputValue(), email);

  await register(page, email);

  const verifyLink = await linkFromMail(email, '/verify-email?token=');
  await gotoHydrated(page, verifyLink);
  await page.getByText('Uw e-mailadres is bevestigd').waitFor();

  await gotoHydrated(page, '/login');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
  await page.getByRole('link', { name: 'Anna de Vries' }).waitFor();
  // A company lands on its own overview (its assessments, requests and sign-ups), not on the
  // home page that offers an account.
  await page.getByRole('heading', { name: 'Mijn overzicht', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Mijn contactaanvragen' }).waitFor();

  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('heading', { name: 'My overview', level: 1 }).waitFor();
  await page.waitForSelector('body[data-hydrated="true"]');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
  await page.getByRole('heading', { name: 'Mijn overzicht', level: 1 }).waitFor();
  await page.waitForSelector('body[data-hydrated="true"]');

  // The home page greets a logged-in user and sends them on, no "create an account".
  await gotoHydrated(page, '/');
  await page.getByRole('heading', { name: 'Welkom, Anna de Vries' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Gratis account aanmaken' }).count(), 0);
  await page.getByRole('link', { name: 'Naar mijn overzicht' }).waitFor();

  // Where you are logged in: a second browser shows up in the list, and signing out
  // "everywhere else" ends its session (it has to log in again), not this one.
  const phone = await newContext(browser);
  const phonePage = await phone.newPage();
  await gotoHydrated(phonePage, '/login');
  await phonePage.getByLabel('E-mailadres').fill(email);
  await phonePage.getByLabel('Wachtwoord').fill(PASSWORD);
  await phonePage.getByRole('button', { name: 'Inloggen' }).click();
  await phonePage.getByRole('heading', { name: 'Mijn overzicht', level: 1 }).waitFor();
  await gotoHydrated(page, '/account');
  const sessions = page.locator('section.sessions');
  await sessions.getByRole('heading', { name: 'Waar u bent ingelogd' }).waitFor();
  assert.equal(await sessions.locator('.session-row').count(), 2);
  await sessions.getByText('deze browser').waitFor();
  await expectAccessible(page, '/account');
  await sessions.getByRole('button', { name: 'Overal anders afmelden' }).click();
  await page.getByText('De sessie is afgemeld.').waitFor();
  assert.equal(await page.locator('section.sessions .session-row').count(), 1);
  await gotoHydrated(phonePage, '/account');
  await phonePage.getByText('Log in om deze pagina te zien.').waitFor();
  await phone.close();

  // The start form knows the company.
  await gotoHydrated(page, '/assessment');
  assert.equal(await page.getByLabel('Naam van het bedrijf').inputValue(), 'Metaalbewerking Noord BV');

  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.getByRole('link', { name: 'Inloggen' }).waitFor();
  await gotoHydrated(page, '/account');
  await page.getByText('Log in om deze pagina te zien.').waitFor();

  assert.deepEqual(context.errors, []);
  await context.close();
});

test('the log-in form and the session list work with JavaScript disabled', async () => {
  const setup = await newContext(browser);
  const setupPage = await setup.newPage();
  const email = uniqueEmail('bert');
  await register(setupPage, email);
  const verifyLink = await linkFromMail(email, '/verify-email?token=');
  await gotoHydrated(setupPage, verifyLink);
  await setupPage.getByText('Uw e-mailadres is bevestigd').waitFor();
  await setup.close();

  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill('not-the-password-1');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('alert').filter({ hasText: 'horen niet bij elkaar' }).waitFor();
  assert.equal(await page.getByLabel('E-mailadres').inputValue(), email, 'typed e-mail kept');
  assert.ok(!page.url().includes('e2e.test') && !page.url().includes('%40'), `no address in the URL: ${page.url()}`);

  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('button', { name: 'Uitloggen' }).waitFor();

  // Still without JavaScript, and by keyboard only: the account page lists where one is
  // logged in, and "sign out everywhere else" ends the other browser's session, not this one.
  const other = await newContext(browser);
  const otherPage = await other.newPage();
  await gotoHydrated(otherPage, '/login');
  await otherPage.getByLabel('E-mailadres').fill(email);
  await otherPage.getByLabel('Wachtwoord').fill(PASSWORD);
  await otherPage.getByRole('button', { name: 'Inloggen' }).click();
  await otherPage.getByRole('button', { name: 'Uitloggen' }).waitFor();
  await page.goto('/account');
  const sessions = page.locator('section.sessions');
  assert.equal(await sessions.locator('.session-row').count(), 2);
  await sessions.getByRole('button', { name: 'Overal anders afmelden' }).focus();
  await page.keyboard.press('Enter');
  await page.getByText('De sessie is afgemeld.').waitFor();
  assert.equal(await page.locator('section.sessions .session-row').count(), 1);
  await gotoHydrated(otherPage, '/account');
  await otherPage.getByText('Log in om deze pagina te zien.').waitFor();
  await other.close();
  assert.deepEqual(context.errors, []);
  await context.close();
});

test('unknown pages show a friendly 404 in both languages', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const response = await page.goto('/bestaat-niet');
  assert.equal(response.status(), 404);
  await page.getByRole('heading', { name: 'Pagina niet gevonden' }).waitFor();
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
  await page.getByRole('heading', { name: 'Pagina niet gevonden' }).waitFor();
  assert.deepEqual(context.errors, []);
  await context.close();
});
