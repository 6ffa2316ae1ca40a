// Shared helpers: one Chromium, pages that fail the test on any script error, and a goto that
// waits until the WASM has hydrated the page (clicking earlier would hit plain HTML).
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
export const ADMIN_EMAIL = process.env.ADMIN_EMAIL ?? 'beheer@e2e.test';
export const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD ?? '';

/// How Debian's Chromium is started, here and in playwright.config.mjs (the test runner).
export const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

/// A browser for the scripts outside the test runner (screenshots, first-visit bytes).
export async function launch() {
  return chromium.launch(CHROMIUM);
}

/// A browser context whose pages collect console errors and uncaught exceptions.
export async function newContext(browser, options = {}) {
  const context = await browser.newContext({ baseURL: BASE_URL, ...options });
  context.errors = [];
  context.on('page', (page) => watch(page, context.errors));
  return context;
}

function watch(page, errors) {
  page.on('pageerror', (err) => {
    // Chromium now and then gives up the CSS cross-fade between two pages (the next
    // navigation starts before the fade could) and reports that as an uncaught error; the
    // page is shown all the same, and no script of ours is involved.
    if (/ViewTransition opt-in disabled/.test(err.message)) return;
    errors.push(`pageerror on ${page.url()}: ${err.message}`);
  });
  page.on('console', (msg) => {
    // A refused form (HTTP 4xx) is logged by the browser as a failed resource load; the page
    // handles it and shows the message, which the tests check. Everything else counts.
    if (msg.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) {
      errors.push(`console error on ${page.url()}: ${msg.text()}`);
    }
  });
}

export async function gotoHydrated(page, path) {
  await page.goto(path);
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 15000 });
}

/// Today's date (YYYY-MM-DD) as the platform reckons it: in the Netherlands, not in UTC, so a
/// test run between 23:00 and 24:00 UTC does not type yesterday.
export function dutchToday() {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
}

export function uniqueEmail(prefix) {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.test`;
}

/// The password every account the tests register uses.
export const PASSWORD = 'tandwiel-koffie-molen-8';

/// Registers an account of `kind` (the label on the form), confirms it through the mailed
/// link and logs in, all in `page`.
export async function registerAndLogIn(page, kind, email, name, organisation) {
  await gotoHydrated(page, '/register');
  await page.getByLabel(kind).check();
  await page.getByLabel('Uw naam').fill(name);
  if (organisation) await page.getByLabel('Naam van uw bedrijf of organisatie').fill(organisation);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Account aanmaken' }).click();
  await page.getByRole('heading', { name: 'Kijk in uw mailbox' }).waitFor();
  await gotoHydrated(page, await linkFromMail(email, '/verify-email?token='));
  await page.getByText('Uw e-mailadres is bevestigd').waitFor();
  await gotoHydrated(page, '/login');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
}

/// Logs `page` in as the administrator; it lands on the staff dashboard.
export async function logInAsAdmin(page) {
  await gotoHydrated(page, '/login');
  await page.getByLabel('E-mailadres').fill(ADMIN_EMAIL);
  await page.getByLabel('Wachtwoord').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
}

/// Starts an assessment from the start page as a visitor and returns its overview path.
export async function startAssessment(page, { variant = 'Procesindustrie', company, sector = 'food', size = '50-99', province = 'groningen', employees, sbi, enterpriseId }) {
  await gotoHydrated(page, '/assessment');
  await page.getByLabel(variant).first().check();
  await page.getByLabel('Naam van het bedrijf').fill(company);
  await page.getByLabel('Sector').selectOption(sector);
  await page.getByLabel('Aantal medewerkers').selectOption(size);
  await page.getByLabel('Provincie').selectOption(province);
  // The EU DMA's company data (shown only with that variant chosen).
  if (employees !== undefined) await page.getByLabel('Medewerkers (aantal personen)').fill(employees);
  if (sbi !== undefined) await page.getByLabel('SBI-code van de hoofdactiviteit').fill(sbi);
  if (enterpriseId !== undefined) await page.getByLabel('KvK-nummer of btw-id (optioneel)').fill(enterpriseId);
  await page.getByRole('button', { name: 'Start de assessment' }).click();
  await page.getByText('Bewaar deze link.').waitFor();
  await page.waitForSelector('body[data-hydrated="true"]');
  return new URL(page.url()).pathname;
}

/// A finalised assessment with data as its high priority; returns the plan's path.
export async function finalisedPlan(page, company, size = '50-99') {
  const overview = await startAssessment(page, { company, size });
  const reference = overview.split('/')[2];
  const saved = await page.evaluate(async (ref) => {
    const post = (endpoint, body) =>
      fetch(`/api/${endpoint}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.status);
    const answer = (item_key, current, ambition) =>
      post('assessment/save_answer', { reference: ref, item_key, current, ambition, not_applicable: false, comment: '' });
    return [
      await answer('data.sources', 1, 3),
      await answer('data.quality', 2, 4),
      await answer('data.analysis', 1, 4),
      await post('assessment/save_priority', { reference: ref, transition: 'data', priority: 'high' }),
    ];
  }, reference);
  if (saved.some((status) => status !== 200)) throw new Error(`answers not saved: ${saved}`);
  await gotoHydrated(page, overview);
  await page.getByRole('button', { name: 'Assessment afronden' }).click();
  await page.getByRole('heading', { name: /Uitkomsten/ }).waitFor();
  await page.getByRole('link', { name: 'Open uw stappenplan' }).click();
  await page.getByRole('heading', { name: /Uw stappenplan digitalisering/, level: 1 }).waitFor();
  return `${overview}/plan`;
}

/// The newest link to `path` in a mail to `recipient`, read from the folder the server writes
/// mail to when no mail server is set (`MAIL_DIR`), as a developer reads it. Staff cannot read
/// such links any more: the outbox page hides them. Waits for the sender's next round.
export async function linkFromMail(recipient, path) {
  const dir = process.env.MAIL_DIR;
  if (!dir) throw new Error('MAIL_DIR is not set: the tests read mail from the server\'s mail folder');
  const pattern = new RegExp(`https?://\\S+${path.replace(/[?]/g, '\\?')}\\S*`);
  for (let waited = 0; waited < 15000; waited += 250) {
    const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().reverse();
    for (const file of files) {
      const text = readFileSync(`${dir}/${file}`, 'utf8');
      if (!text.includes(`\nTo: ${recipient}\n`)) continue;
      const match = text.match(pattern);
      if (match) return new URL(match[0]).pathname + new URL(match[0]).search;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no ${path} link in a mail to ${recipient} in ${dir}`);
}

// axe-core, read once and run in the page through the DevTools protocol (page.evaluate is not
// subject to the page's Content-Security-Policy, an injected <script> tag would be).
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/// Fails with every axe-core violation (WCAG 2.1 A and AA, and best practices) on the page as
/// it is now, named by rule and element, so a regression says what to fix.
export async function expectAccessible(page, what = page.url()) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
  if (violations.length) throw new Error(`axe-core on ${what}:\n  ${violations.join('\n  ')}`);
}

/// Fails when the page is wider than the window (WCAG 1.4.10: no sideways scrolling).
export async function expectNoSidewaysScroll(page, what = page.url()) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  if (scroll > client + 1) throw new Error(`${what} is ${scroll}px wide in a ${client}px window`);
}

/// Downloads the newest version of a variant from the questionnaires page: its number and text.
export async function downloadNewest(page, variant = 'Procesindustrie') {
  await gotoHydrated(page, '/staff/questionnaires');
  const card = page.locator('section.card', { has: page.getByRole('heading', { name: variant }) });
  const links = card.getByRole('link', { name: /^Versie \d+ downloaden \(TOML\)$/ });
  const names = await links.allInnerTexts();
  const versions = names.map((n) => Number(n.match(/\d+/)[0]));
  const newest = Math.max(...versions);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    links.nth(versions.indexOf(newest)).click(),
  ]);
  assert.match(download.suggestedFilename(), new RegExp(`^sih-questionnaire-[a-z]+-v${newest}\\.toml$`));
  const text = await readFile(await download.path(), 'utf8');
  assert.match(text, new RegExp(`^version = ${newest}$`, 'm'));
  return { newest, text };
}

export function tomlFile(name, text) {
  return { name, mimeType: 'application/toml', buffer: Buffer.from(text, 'utf8') };
}

/// As staff in a context of its own: the newest version of `variant` changed by
/// `change(text, newest)` and uploaded as the next one. Returns the new version's number.
export async function addQuestionnaireVersion(browser, variant, change) {
  const staff = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const admin = await staff.newPage();
  await logInAsAdmin(admin);
  const { newest, text } = await downloadNewest(admin, variant);
  await gotoHydrated(admin, '/staff/questionnaires/import');
  await admin.getByLabel('Vragenlijstbestand (.toml, hooguit 512 KB)').setInputFiles(tomlFile('next.toml', change(text, newest)));
  await admin.getByRole('button', { name: 'Controleren en toevoegen als nieuwe versie' }).click();
  await admin.getByTestId('imported').waitFor();
  assert.deepEqual(staff.errors, []);
  await staff.close();
  return newest + 1;
}
