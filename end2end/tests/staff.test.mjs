// The staff workspace in Chromium on the release build (the test script fills the database
// with `server demo-data` first): staff log in, filter the dashboard by province, open a
// company's timeline and add a note, edit a questionnaire text and publish a new version, and
// download the filtered assessments as CSV.
import { test } from '@playwright/test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { newContext, gotoHydrated, logInAsAdmin, expectAccessible, ADMIN_EMAIL, ADMIN_PASSWORD } from './helpers.mjs';

// Playwright launches the browser (playwright.config.mjs) and closes it after the file.
let browser;
test.beforeAll(({ browser: launched }) => {
  browser = launched;
});

test('dashboard filters, company timeline, questionnaire version, CSV export', async () => {
  const context = await newContext(browser, { acceptDownloads: true });
  const page = await context.newPage();
  await gotoHydrated(page, '/login');
  await page.getByLabel('E-mailadres').fill(ADMIN_EMAIL);
  await page.getByLabel('Wachtwoord').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('link', { name: 'Medewerkers' }).click();

  // The staff menu opens on the dashboard, with charts and their tables.
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  await page.waitForSelector('body[data-hydrated="true"]');
  const total = Number(await page.getByTestId('dashboard-finalised').textContent());
  assert.ok(total > 100, `demo data gives finalised assessments (${total})`);
  assert.ok(await page.locator('svg.dash-chart').count() >= 5);

  // Filter by province: the address bar carries the filter, the figures shrink.
  await page.getByLabel('Provincie').selectOption('drenthe');
  await page.getByRole('button', { name: 'Toepassen' }).click();
  await page.waitForURL(/province=drenthe/);
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  const inDrenthe = Number(await page.getByTestId('dashboard-finalised').textContent());
  assert.ok(inDrenthe > 0 && inDrenthe < total, `${inDrenthe} of ${total} in Drenthe`);
  assert.equal(await page.getByLabel('Provincie').inputValue(), 'drenthe');

  // The CSV link keeps the filter: every row is from Drenthe.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'assessments (CSV)' }).click(),
  ]);
  const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '').trim().split('\r\n');
  const header = csv[0].split(',');
  assert.equal(header[0], 'assessment_id');
  const province = header.indexOf('province');
  assert.equal(csv.length - 1, inDrenthe, 'one row per finalised assessment');
  assert.ok(csv.slice(1).every((line) => line.split(',')[province] === 'drenthe'));

  // A company's timeline, and a note added to it.
  await page.getByRole('link', { name: 'Bedrijven' }).click();
  await page.getByRole('heading', { name: 'Bedrijven', level: 1 }).waitFor();
  await page.waitForSelector('body[data-hydrated="true"]');
  // Companies from Drenthe: filtered on the profile of their latest assessment.
  await page.getByLabel('Provincie').selectOption('drenthe');
  await page.getByRole('button', { name: 'Toepassen' }).click();
  await page.waitForURL(/province=drenthe/);
  const first = page.getByTestId('companies-table').getByRole('link').first();
  const name = await first.textContent();
  await first.click();
  await page.getByTestId('company-name').filter({ hasText: name }).waitFor();
  const timeline = page.getByTestId('company-timeline');
  await timeline.getByText('Assessment').first().waitFor();
  await page.getByText('Notitie toevoegen').click();
  const note = `Gebeld over de masterclass data ${Date.now().toString(36)}`;
  await page.getByLabel('Notitie', { exact: true }).fill(note);
  await page.getByRole('button', { name: 'Notitie opslaan' }).click();
  await timeline.getByText(note).waitFor();

  // Edit a question of the process-industry questionnaire and publish it as a new version.
  await page.getByRole('link', { name: 'Vragenlijsten' }).click();
  await page.getByRole('heading', { name: 'Vragenlijsten', level: 1 }).waitFor();
  await page.locator('section.card', { hasText: 'Procesindustrie' }).getByRole('link', { name: 'Teksten bewerken' }).click();
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.locator('details.card > summary').first().click();
  const question = page.locator('[id="i:strategy.vision:question.nl"]');
  await question.fill('');
  await page.getByRole('button', { name: 'Publiceer als nieuwe versie' }).click();
  // An empty text is refused before anything is sent (the server refuses it too).
  assert.equal(await question.evaluate((el) => el.validity.valueMissing), true);
  assert.match(page.url(), /\/staff\/questionnaires\/process$/);
  const text = 'Heeft uw bedrijf een gedeelde visie op digitalisering voor de komende vijf jaar?';
  await question.fill(text);
  await page.locator('#change_note').fill('Visievraag aangescherpt');
  await page.getByRole('button', { name: 'Publiceer als nieuwe versie' }).click();
  // The new version is the newest plus one (the file's own version rises when the file changes).
  await page.waitForURL(/published=\d+/);
  const published = new URL(page.url()).searchParams.get('published');
  assert.ok(Number(published) >= 2, `published version ${published}`);
  await page.getByTestId('published').filter({ hasText: `Versie ${published} is gepubliceerd` }).waitFor();
  await page.getByRole('link', { name: 'Vragenlijsten' }).first().click();
  await page.locator('section.card', { hasText: 'Procesindustrie' }).getByRole('cell', { name: 'Visievraag aangescherpt' }).waitFor();

  assert.deepEqual(context.errors, []);
  await context.close();
});

test('the outbox shows that mail went out, to whom, never a link from it', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await logInAsAdmin(page);
  await gotoHydrated(page, '/staff/outbox');
  await page.getByRole('heading', { name: 'Uitgaande e-mail', level: 1 }).waitFor();
  // The feature tests before this one sent verification, reset and sign-up mails; by now the
  // sender has written them to the mail folder and deleted their bodies.
  const mails = page.locator('.outbox-mail');
  assert.ok((await mails.count()) > 3, 'mails are listed');
  const text = await page.locator('main').innerText();
  assert.ok(!/token=|\/invite\/|\/assessment\/r/.test(text), 'no secret link on the page');
  assert.ok(!/https?:\/\//.test(await page.locator('.outbox').innerHTML()), 'no web address at all');
  await mails.first().locator('summary').click();
  await expectAccessible(page, '/staff/outbox');
  assert.deepEqual(context.errors, []);
  await context.close();
});

test('long staff lists page by position, by keyboard and without JavaScript', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await logInAsAdmin(page);
  await gotoHydrated(page, '/staff/assessments');
  await page.getByRole('heading', { name: 'Assessments', level: 1 }).waitFor();
  const rows = page.locator('main table tbody tr');
  assert.equal(await rows.count(), 50, 'fifty per page (the demo data has hundreds)');
  const firstPage = await rows.first().innerText();
  const pager = page.getByRole('navigation', { name: "Pagina's" });
  assert.equal(await pager.getByRole('link', { name: 'Vorige' }).count(), 0, 'no way back from the start');

  // By keyboard: focus the "next" link and press Enter.
  await pager.getByRole('link', { name: 'Volgende' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/staff\/assessments\?after=\d+/);
  await page.getByRole('link', { name: 'Eerste pagina' }).waitFor();
  assert.equal(await rows.count(), 50);
  assert.notEqual(await rows.first().innerText(), firstPage, 'the next fifty');
  await expectAccessible(page, '/staff/assessments (second page)');

  // Back lands on the same first page.
  await pager.getByRole('link', { name: 'Vorige' }).click();
  await page.waitForURL(/before=\d+/);
  await page.waitForFunction((text) => document.querySelector('main table tbody tr')?.innerText === text, firstPage);

  // The companies list (200 generated companies) pages by name the same way.
  await gotoHydrated(page, '/staff/companies');
  const companyRows = page.locator('main table tbody tr');
  const firstCompany = await companyRows.first().innerText();
  await page.getByRole('navigation', { name: "Pagina's" }).getByRole('link', { name: 'Volgende' }).click();
  await page.waitForURL(/\/staff\/companies\?after=\d+$/);
  await page.waitForFunction((text) => document.querySelector('main table tbody tr')?.innerText !== text, firstCompany);
  assert.equal(await companyRows.count(), 50);
  assert.deepEqual(context.errors, []);
  await context.close();

  // Without JavaScript the links are plain links.
  const plain = await newContext(browser, { javaScriptEnabled: false });
  const noJs = await plain.newPage();
  await noJs.goto('/login');
  await noJs.getByLabel('E-mailadres').fill(ADMIN_EMAIL);
  await noJs.getByLabel('Wachtwoord').fill(ADMIN_PASSWORD);
  await noJs.getByRole('button', { name: 'Inloggen' }).click();
  await noJs.waitForURL((url) => !url.pathname.startsWith('/login'));
  await noJs.goto('/staff/assessments');
  await noJs.getByRole('navigation', { name: "Pagina's" }).getByRole('link', { name: 'Volgende' }).click();
  await noJs.waitForURL(/after=\d+/);
  assert.equal(await noJs.locator('main table tbody tr').count(), 50);
  await plain.close();
});
