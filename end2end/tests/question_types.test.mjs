// Question types in Chromium on the release build: staff upload the documented example of
// docs/questionnaire-format.md as a manufacturing version; a company answers each type by
// mouse and keyboard on a phone, sees the follow-up question appear and disappear with its
// ERP answer, and finds what it chose after a reload. Without JavaScript a refused page comes
// back as it was posted, and the follow-up shows after the form post. axe-core and no
// sideways scroll at 320 px.
import { test } from '@playwright/test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  newContext, gotoHydrated, expectAccessible, expectNoSidewaysScroll, startAssessment, addQuestionnaireVersion,
} from './helpers.mjs';

let browser;
test.beforeAll(({ browser: launched }) => {
  browser = launched;
});

async function documentedTypes() {
  const page = await readFile(new URL('../../docs/questionnaire-format.md', import.meta.url), 'utf8');
  const block = page.split('```toml\n')[2];
  return block.slice(0, block.indexOf('```'));
}

async function settled(page) {
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.save-status')].every((s) => !['saving', 'waiting', 'failed'].includes(s.dataset.state)),
  );
}

const followUp = 'Volgt u orders digitaal door de fabriek?';

test('each question type is answered by mouse and keyboard, and a follow-up comes and goes', async () => {
  const types = await documentedTypes();
  await addQuestionnaireVersion(browser, 'Maakindustrie', (_, newest) => types
    .replace('variant = "suppliers"', 'variant = "manufacturing"')
    .replace('version = 7', `version = ${newest + 1}`));

  const context = await newContext(browser, { viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const overview = await startAssessment(page, { variant: 'Maakindustrie', company: 'Vraagtypen BV', sector: 'metal', size: '20-49' });
  await gotoHydrated(page, `${overview}/t/basics`);
  await expectAccessible(page, 'a page of typed questions');

  // Single choice by mouse.
  await page.getByLabel('Een standaardpakket').click();
  // Multiple choice by keyboard: two measures, then "none of these" clears them.
  await page.getByLabel('Dagelijkse back-ups').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await settled(page);
  await page.getByLabel('Geen van deze').check();
  assert.equal(await page.getByLabel('Dagelijkse back-ups').isChecked(), false, 'the exclusive option clears the others');
  await page.getByLabel('Training voor medewerkers').check();
  assert.equal(await page.getByLabel('Geen van deze').isChecked(), false, 'and another clears it');
  // A number typed the wrong way is explained beside the field and not saved.
  const staffCount = page.getByRole('textbox', { name: 'Hoeveel medewerkers heeft u?' });
  await staffCount.fill('4,5');
  await page.keyboard.press('Tab');
  await page.getByText('Vul een heel getal in, zonder decimalen.').waitFor();
  await staffCount.fill('45');
  await page.keyboard.press('Tab');
  await settled(page);
  assert.equal(await page.getByText('Vul een heel getal in, zonder decimalen.').count(), 0);

  // The technology page: the follow-up on the ERP answer is there.
  await page.getByRole('button', { name: 'Volgende', exact: true }).click();
  await page.waitForURL((url) => url.pathname.endsWith('/t/tech'));
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.getByRole('group', { name: 'Cloudopslag' }).getByText('In gebruik').click();
  // A grid row by keyboard: arrow keys move along the scale.
  await page.getByRole('group', { name: 'Sensoren in de productie' }).getByLabel('Niet gebruikt').focus();
  await page.keyboard.press('ArrowRight');
  await page.getByRole('group', { name: followUp }).getByLabel('Deels').check();
  await page.getByRole('textbox', { name: 'Welke technologie wilt u als eerste verkennen?' }).fill('Visiesystemen');
  await page.keyboard.press('Tab');
  await settled(page);
  await expectAccessible(page, 'a grid, a yes / partly / no and a text');
  await page.setViewportSize({ width: 320, height: 720 });
  await expectNoSidewaysScroll(page, 'typed questions at 320 px');
  if (process.env.SCREENSHOT_DIR) {
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/question-types-320.png`, fullPage: true });
  }

  // What was stored comes back after a reload.
  await gotoHydrated(page, `${overview}/t/basics`);
  assert.equal(await page.getByLabel('Een standaardpakket').isChecked(), true);
  assert.deepEqual(
    await page.locator('input[name="value:basics.security"]:checked').evaluateAll((l) => l.map((i) => i.value)),
    ['training'],
  );
  assert.equal(await staffCount.inputValue(), '45');
  // Cleared while the platform cannot be reached: after a reload the field shows the
  // clearing that waits in the browser, not the stored number, and once it is sent the
  // number is gone on the server too.
  await context.route('**/api/assessment/save_*', (route) => route.abort('internetdisconnected'));
  await staffCount.fill('');
  await page.keyboard.press('Tab');
  await page.getByTestId('queue-status').filter({ hasText: 'Offline: 1 antwoord' }).waitFor();
  page.once('dialog', (dialog) => dialog.accept());
  await page.reload();
  await page.waitForSelector('body[data-hydrated="true"]');
  assert.equal(await staffCount.inputValue(), '', 'the waiting clearing, not the stored 45');
  await context.unroute('**/api/assessment/save_*');
  await page.waitForFunction(() => !localStorage.getItem('sih.answer-queue'), null, { timeout: 40000 });
  await gotoHydrated(page, `${overview}/t/basics`);
  assert.equal(await staffCount.inputValue(), '', 'the clearing was stored');
  // "None" for the ERP system: the follow-up disappears from the next page.
  await page.getByLabel('Geen', { exact: true }).click();
  await settled(page);
  await gotoHydrated(page, `${overview}/t/tech`);
  assert.equal(await page.getByText(followUp).count(), 0, 'the follow-up is hidden');
  assert.equal(
    await page.getByRole('group', { name: 'Sensoren in de productie' }).getByLabel('Aan het testen').isChecked(),
    true,
    'the grid row chosen by keyboard was stored',
  );
  // (The saves refused above on purpose log failed loads.)
  assert.deepEqual(context.errors.filter((e) => !/net::ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e)), []);

  // Without JavaScript: the ERP answer posted with the page brings the follow-up back.
  const cookies = await context.cookies();
  await context.close();
  const plain = await newContext(browser, { viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  await plain.addCookies(cookies);
  const form = await plain.newPage();
  await form.goto(`${overview}/t/basics`);
  await form.getByLabel('Een standaardpakket').check();
  // A number typed the wrong way: the page comes back as posted, with the reason.
  const count = form.getByRole('textbox', { name: 'Hoeveel medewerkers heeft u?' });
  await count.fill('4,5');
  await form.getByRole('button', { name: 'Opslaan en verder' }).click();
  await form.getByRole('alert').filter({ hasText: 'Vul een heel getal in, zonder decimalen.' }).waitFor();
  assert.equal(await count.inputValue(), '4,5', 'what was typed is still there');
  assert.equal(await form.getByLabel('Een standaardpakket').isChecked(), true, 'and so is the choice not yet stored');
  await expectNoSidewaysScroll(form, 'a refused page without JavaScript at 390 px');
  await count.fill('45');
  await form.getByRole('button', { name: 'Opslaan en verder' }).click();
  await form.waitForURL((url) => url.pathname.endsWith('/t/tech'));
  await form.getByText(followUp).waitFor();
  assert.equal(
    await form.getByRole('group', { name: followUp }).getByLabel('Deels').isChecked(),
    true,
    'the answer kept while it was hidden is back',
  );
  await plain.close();
});
