// Questionnaire files in Chromium on the release build: staff download the newest process
// version as TOML, upload a broken copy (every problem listed, the note kept, nothing added),
// then a corrected one (a new version in the list). The same refusal without JavaScript. A
// condition added to the suppliers file brings a theme into view once a company answers.
// axe-core on the upload page, refused and empty, and no sideways scroll at 320 px.
import { test } from '@playwright/test';
import assert from 'node:assert/strict';
import {
  newContext, gotoHydrated, logInAsAdmin, expectAccessible, expectNoSidewaysScroll, startAssessment,
  downloadNewest, tomlFile as file, addQuestionnaireVersion,
} from './helpers.mjs';

let browser;
test.beforeAll(({ browser: launched }) => {
  browser = launched;
});

test('staff download a version, are told every problem of a broken file, and add a corrected one', async () => {
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await logInAsAdmin(page);
  const { newest, text } = await downloadNewest(page);
  const next = text
    .replace(`version = ${newest}`, `version = ${newest + 1}`)
    .replace('question.en = "Where is your most important business data', 'question.en = "(E2E) Where is your most important business data');
  // Broken: a level's English text taken out, and an `after` naming a question that does not exist.
  const broken = next
    .replace(/^level3\.en = .*\n/m, '')
    .replace('after = ["', 'after = ["no.such.question", "');

  await page.getByRole('link', { name: 'Vragenlijstbestand uploaden' }).click();
  await page.getByRole('heading', { name: 'Vragenlijstbestand uploaden', level: 1 }).waitFor();
  await expectAccessible(page, 'upload page');
  await page.getByLabel('Vragenlijstbestand (.toml, hooguit 512 KB)').setInputFiles(file('process.toml', broken));
  // Keyboard only from here: the note, then Enter submits the form.
  await page.getByLabel('Wat is er veranderd? (optioneel)').focus();
  await page.keyboard.type('Vraag over dataverzameling verduidelijkt');
  await page.keyboard.press('Enter');
  const problems = page.getByTestId('problems');
  await problems.waitFor();
  const listed = await problems.locator('li').allInnerTexts();
  assert.equal(listed.length, 2, listed.join('\n'));
  assert.match(listed[0], /^Regel \d+, kolom \d+: .*level3: de tekst in `en` ontbreekt$/);
  assert.match(listed[1], /`after` noemt `no\.such\.question`/);
  assert.match(await page.getByRole('alert').innerText(), /Het bestand is niet toegevoegd/);
  assert.equal(
    await page.getByLabel('Wat is er veranderd? (optioneel)').inputValue(),
    'Vraag over dataverzameling verduidelijkt',
    'the note comes back',
  );
  await expectAccessible(page, 'upload page with problems');
  await page.setViewportSize({ width: 320, height: 720 });
  await expectNoSidewaysScroll(page, 'upload page with problems at 320 px');
  if (process.env.SCREENSHOT_DIR) {
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/questionnaire-upload-refused-320.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByLabel('Vragenlijstbestand (.toml, hooguit 512 KB)').setInputFiles(file('process.toml', next));
  await page.getByRole('button', { name: 'Controleren en toevoegen als nieuwe versie' }).click();
  await page.getByTestId('imported').waitFor();
  assert.equal(
    await page.getByTestId('imported').innerText(),
    `Versie ${newest + 1} van Procesindustrie is toegevoegd uit het bestand.`,
  );
  const card = page.locator('section.card', { has: page.getByRole('heading', { name: 'Procesindustrie' }) });
  await card.getByRole('cell', { name: 'Vraag over dataverzameling verduidelijkt' }).waitFor();
  const again = await downloadNewest(page);
  assert.equal(again.newest, newest + 1);
  assert.match(again.text, /\(E2E\) Where is your most important business data/);
  assert.deepEqual(context.errors, []);
  await context.close();
});

test('without JavaScript a broken file is refused with its problems listed', async () => {
  const setup = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const login = await setup.newPage();
  await logInAsAdmin(login);
  const cookies = await setup.cookies();
  await setup.close();
  const context = await newContext(browser, { viewport: { width: 390, height: 800 }, javaScriptEnabled: false });
  await context.addCookies(cookies);
  const page = await context.newPage();
  await page.goto('/staff/questionnaires/import');
  await page.getByLabel('Vragenlijstbestand (.toml, hooguit 512 KB)').setInputFiles(
    file('wrong.toml', 'variant = "process"\nversion = 99\ntitle.nl = "X"\n'),
  );
  await page.getByRole('button', { name: 'Controleren en toevoegen als nieuwe versie' }).click();
  const listed = await page.getByTestId('problems').locator('li').allInnerTexts();
  assert.ok(listed.length >= 2, listed.join('\n'));
  assert.ok(listed.some((p) => /title: de tekst in `en` ontbreekt/.test(p)), listed.join('\n'));
  assert.ok(listed.some((p) => /geen transities/.test(p)), listed.join('\n'));
  await expectNoSidewaysScroll(page, 'upload page without JavaScript at 390 px');
  await context.close();
});

test('a theme that depends on an answer appears as the next page once it is given', async () => {
  // Staff add a condition to the suppliers questionnaire: data only for companies whose order
  // status (on the operations page, just before it) is at least level 3.
  await addQuestionnaireVersion(browser, 'Toeleveranciers', (text, newest) => text
    .replace(`version = ${newest}`, `version = ${newest + 1}`)
    .replace('key = "data"\n', 'key = "data"\nvisible_if = "operations.order_status >= 3"\n'));

  const context = await newContext(browser, { viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const overview = await startAssessment(page, { variant: 'Toeleveranciers', company: 'Voorwaarde BV', sector: 'metal', size: '20-49' });
  assert.match(await page.getByTestId('conditional').innerText(), /hangen af van uw antwoorden/);
  await gotoHydrated(page, `${overview}/t/operations`);
  const position = () => page.locator('nav.breadcrumbs').innerText();
  const before = await position();
  const [, at, total] = before.match(/(\d+) \/ (\d+)/).map(Number);
  // Level 3 by keyboard: focus the first level, then two steps down.
  await page.locator('input[name="current:operations.order_status"][value="1"]').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.save-status')].every((s) => !['saving', 'waiting', 'failed'].includes(s.dataset.state)),
  );
  await page.getByRole('button', { name: 'Volgende', exact: true }).click();
  await page.waitForURL((url) => url.pathname.endsWith('/t/data'));
  await page.waitForSelector('body[data-hydrated="true"]');
  assert.match(await position(), new RegExp(`${at + 1} / ${total + 1}$`), 'one more theme, and it is next');

  // Back to level 1: data is hidden again, and its page says why.
  await gotoHydrated(page, `${overview}/t/operations`);
  await page.locator('input[name="current:operations.order_status"][value="1"]').check();
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.save-status')].every((s) => !['saving', 'waiting', 'failed'].includes(s.dataset.state)),
  );
  await page.goto(`${overview}/t/data`);
  await page.getByText('Dit thema is met de antwoorden tot nu toe niet van toepassing op uw bedrijf').waitFor();
  assert.deepEqual(context.errors, []);
  await context.close();
});
