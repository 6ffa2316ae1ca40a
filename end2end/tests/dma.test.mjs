// The EU Digital Maturity Assessment in Chromium on the release build, on a phone: a company
// chooses it on the start page, answers the six dimensions by mouse and keyboard (no priority
// is asked), is told to finish the open grid rows before it can finalise, and reads the
// JRC's six scores, overall score and band (the hand-computed company of docs/scoring.md:
// 45, 45, 50, 25, 20, 25, overall 35, "average"), in Dutch and English, at 320 px and on A4.
// Then a registered company goes from its Smart Factory results to a DMA prefilled from its
// answers, confirms and changes them (by mouse and keyboard), and is measured again after
// staff mark the hub's support finished; staff see T0 and T1 on the company page, the change
// on the dashboard and both rows in the EDIH report.
import { test } from '@playwright/test';
import assert from 'node:assert/strict';
import {
  newContext, gotoHydrated, expectAccessible, expectNoSidewaysScroll, startAssessment,
  registerAndLogIn, logInAsAdmin, uniqueEmail, dutchToday,
} from './helpers.mjs';
import { readFile } from 'node:fs/promises';

let browser;
test.beforeAll(({ browser: launched }) => {
  browser = launched;
});

async function settled(page) {
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.save-status')].every((s) => !['saving', 'waiting', 'failed'].includes(s.dataset.state)),
  );
}

/// One scale point per grid row, by the row's and the point's visible names.
async function grid(page, rows) {
  for (const [row, point] of rows) {
    await page.getByRole('group', { name: row, exact: true }).getByLabel(point, { exact: true }).check();
  }
}

/// Ticks options of the multiple-choice question named `question`.
async function tick(page, question, options) {
  const group = page.getByRole('group', { name: question });
  for (const option of options) await group.getByLabel(option, { exact: true }).check();
}

async function next(page, key) {
  await settled(page);
  await page.getByRole('button', { name: 'Volgende', exact: true }).click();
  await page.waitForURL((url) => url.pathname.endsWith(`/t/${key}`));
  await page.waitForSelector('body[data-hydrated="true"]');
}

const USE = ['Niet gebruikt', 'In overweging', 'Als prototype', 'Aan het testen', 'Aan het invoeren', 'In gebruik'];

test('a company measures its digital maturity the EU way and reads its six scores and band', async () => {
  const context = await newContext(browser, { viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  // The company data for the EU report is asked only once the DMA is chosen.
  await gotoHydrated(page, '/assessment');
  assert.equal(await page.getByLabel('Medewerkers (aantal personen)').isVisible(), false, 'hidden for a Smart Factory Assessment');
  await page.getByLabel('EU-digitaliseringsscan (DMA)').check();
  await page.getByLabel('Medewerkers (aantal personen)').waitFor();
  const overview = await startAssessment(page, {
    variant: 'EU-digitaliseringsscan (DMA)', company: 'Digitaal Meten BV', sector: 'metal', size: '20-49', employees: '25',
  });
  await page.getByText('er wordt niet naar ambitie of prioriteit gevraagd').waitFor();
  assert.equal(await page.locator('.progress-list li').count(), 6, 'six dimensions');

  // Digital business strategy: investments per area (one row by keyboard), readiness.
  await gotoHydrated(page, `${overview}/t/dma_strategy`);
  assert.equal(await page.locator('fieldset.priority').count(), 0, 'no priority is asked');
  await expectAccessible(page, 'a DMA dimension');
  await page.getByRole('group', { name: 'Productontwerp', exact: true }).getByLabel('Niet geïnvesteerd').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await grid(page, [
    ['Projectplanning en productbeheer', 'Al geïnvesteerd'],
    ['Productie, verpakking en onderhoud', 'Al geïnvesteerd'],
    ['Samenwerking tussen afdelingen', 'Van plan'],
    ['Inkomende logistiek en voorraad', 'Van plan'],
    ['Marketing, verkoop en klantenservice', 'Niet geïnvesteerd'],
    ['Levering aan klanten', 'Niet geïnvesteerd'],
    ['Administratie en personeelszaken', 'Niet geïnvesteerd'],
    ['Inkoop', 'Niet geïnvesteerd'],
    ['Beveiliging en naleving van regels', 'Niet geïnvesteerd'],
  ]);
  await tick(page, 'uitspraken over de voorbereiding', [
    'We weten welke bedrijfsbehoeften digitalisering moet oplossen',
    'Er is geld om digitalisering duurzaam te betalen',
    'De leiding kan de digitale verandering sturen',
    'We kunnen de waarde van een digitale oplossing inschatten',
  ]);

  // Digital readiness: five basics, and the advanced technologies but one row left open.
  await next(page, 'dma_readiness');
  await tick(page, 'digitale basistechnologieën', [
    'Snel internet en cloudopslag', 'Een eigen website', 'Sociale media of livechat',
    'Samenwerken op afstand (videobellen, gedeelde documenten)', 'Bedrijfssystemen zoals ERP of CRM',
  ]);
  await grid(page, [
    ['Simulatie en digital twins', USE[5]],
    ['Virtual en augmented reality', USE[3]],
    ['Computerondersteund ontwerpen en produceren (CAD/CAM)', USE[0]],
    ['Productiebesturing (MES)', USE[0]],
    ['Internet of things en sensoren', USE[2]],
    ['Blockchain', USE[0]],
  ]);

  await next(page, 'dma_human');
  await tick(page, 'digitale vaardigheden van medewerkers', [
    'We brengen in kaart welke digitale vaardigheden ontbreken', 'Er is een opleidingsplan voor digitale vaardigheden',
    "Korte trainingen, e-learning of instructievideo's", 'Leren in de praktijk en van collega\'s',
    'Stages of werkplekken om digitale kennis op te doen', 'Opleidingen met subsidie of via een programma',
    'Nieuwe medewerkers aannemen met digitale kennis',
  ]);
  await tick(page, 'Hoe betrekt uw bedrijf medewerkers', ['Geen van deze']);

  // Data: "not collected digitally" stands alone.
  await next(page, 'dma_data');
  const management = page.getByRole('group', { name: 'Hoe gaat uw bedrijf om met zijn gegevens?' });
  await management.getByLabel('Gegevens worden digitaal opgeslagen').check();
  await management.getByLabel('Gegevens worden niet digitaal verzameld').check();
  assert.equal(await management.getByLabel('Gegevens worden digitaal opgeslagen').isChecked(), false,
    'the negative item clears the others');
  await tick(page, 'Hoe beveiligt uw bedrijf', [
    'Een beveiligingsbeleid dat actueel wordt gehouden', 'Regelmatige back-ups, ook buiten het bedrijf',
    'Medewerkers zijn getraind in cyberveiligheid',
  ]);

  await next(page, 'dma_automation');
  await grid(page, [
    ['Taaltechnologie (chatbots, tekstanalyse, vertalen)', USE[1]],
    ['Beeldherkenning (bijvoorbeeld visuele kwaliteitscontrole)', USE[1]],
    ['Spraak- en geluidsherkenning', USE[0]],
    ["Robots en zelfstandige voertuigen (cobots, AGV's, drones)", USE[0]],
    ['Kunstmatige intelligentie voor beslissingen (voorspellend onderhoud, aanbevelingen)', USE[3]],
  ]);

  await next(page, 'dma_green');
  await tick(page, 'om duurzamer te werken', ['Energieverbruik meten en verlagen']);
  await grid(page, [
    ['Energiezuinige apparaten en software kiezen', 'Ja'],
    ['Duurzame cloud- en datacentrumdiensten', 'Gedeeltelijk'],
    ['Apparaten langer gebruiken (repareren, hergebruiken)', 'Gedeeltelijk'],
    ['Afgedankte apparaten laten recyclen', 'Nee'],
    ['Milieueisen bij het inkopen van IT', 'Nee'],
  ]);
  await settled(page);
  await page.setViewportSize({ width: 320, height: 720 });
  await expectNoSidewaysScroll(page, 'a DMA grid at 320 px');
  if (process.env.SCREENSHOT_DIR) {
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/dma-green-320.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 390, height: 844 });

  // Finalising with the 3D-printing row still open is refused, and says what to do.
  await gotoHydrated(page, overview);
  await page.getByRole('button', { name: 'Assessment afronden' }).click();
  await page.getByRole('alert').filter({ hasText: 'in een tabel elke regel' }).waitFor();
  await gotoHydrated(page, `${overview}/t/dma_readiness`);
  await grid(page, [['3D-printen (additive manufacturing)', USE[4]]]);
  await settled(page);
  await gotoHydrated(page, overview);
  await page.getByRole('button', { name: 'Assessment afronden' }).click();
  await page.getByRole('heading', { name: /Uitkomsten/ }).waitFor();

  // The JRC's scores, per dimension and overall, with the band.
  assert.equal(await page.getByTestId('dma-overall').innerText(), '35');
  assert.equal(await page.getByTestId('dma-band').innerText(), 'Gemiddeld');
  const rows = await page.getByTestId('dma-dimensions').locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent.trim())));
  assert.deepEqual(rows.map((r) => r.slice(1, 3)), [
    ['45', 'Gemiddeld'], ['45', 'Gemiddeld'], ['50', 'Gemiddeld'],
    ['25', 'Basis'], ['20', 'Basis'], ['25', 'Basis'],
  ]);
  assert.equal(await page.locator('.radar-ambition').count(), 0, 'no ambition shape');
  assert.equal(await page.getByRole('link', { name: 'Open uw stappenplan' }).count(), 0, 'no plan');
  await expectAccessible(page, 'DMA results');
  await page.setViewportSize({ width: 320, height: 720 });
  await expectNoSidewaysScroll(page, 'DMA results at 320 px');
  if (process.env.SCREENSHOT_DIR) {
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/dma-results-320.png`, fullPage: true });
  }

  // On A4: the whole table inside the page, on at most three sheets.
  await page.setViewportSize({ width: 680, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  const right = await page.evaluate(() => document.querySelector('.results table').getBoundingClientRect().right);
  assert.ok(right <= 681, `the table fits the page: ${right}`);
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const sheets = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
  assert.ok(sheets >= 1 && sheets <= 3, `the DMA report prints on ${sheets} A4 pages`);
  await page.emulateMedia({ media: 'screen' });

  // In English.
  await page.locator('form.lang-switch button').click();
  await page.getByTestId('dma-band').filter({ hasText: 'Average' }).waitFor();
  await page.getByRole('columnheader', { name: 'Dimension' }).waitFor();
  assert.deepEqual(context.errors, []);
  await context.close();
});

/// Saves answers through the endpoint the page's islands use: `answers` maps an item to its
/// typed value (DMA) or to `[current, ambition]` (a Smart Factory level question).
async function saveAnswers(page, reference, answers) {
  const statuses = await page.evaluate(async ({ ref, answers }) => {
    const out = [];
    for (const [item_key, answer] of Object.entries(answers)) {
      const levels = Array.isArray(answer);
      const body = {
        reference: ref, item_key, not_applicable: false, comment: '',
        current: levels ? answer[0] : null, ambition: levels ? answer[1] : null,
        ...(levels ? {} : { value: answer }),
      };
      const reply = await fetch('/api/assessment/save_answer', {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
      });
      out.push(`${item_key}: ${reply.status}`);
    }
    return out;
  }, { ref: reference, answers });
  for (const status of statuses) assert.match(status, /: 200$/);
}

const grid_ = (points) => ({ type: 'grid', value: points });
const ticks_ = (keys) => ({ type: 'choices', value: keys });

/// The hand-computed company's answers to the questions the prefill test does not answer on
/// the page (the same company as above and in server/tests/dma.rs).
const REST = {
  'dma_strategy.investments': grid_([
    ['design', 'invested'], ['planning', 'invested'], ['operations', 'invested'],
    ['cooperation', 'planned'], ['inbound', 'planned'], ['sales', 'none'], ['delivery', 'none'],
    ['administration', 'none'], ['purchasing', 'none'], ['security', 'none'],
  ]),
  'dma_readiness.basic': ticks_(['connectivity', 'website', 'social', 'remote', 'systems']),
  'dma_readiness.advanced': grid_([
    ['simulation', 'operational'], ['vr_ar', 'testing'], ['cad_cam', 'not_used'], ['mes', 'not_used'],
    ['iot', 'prototyping'], ['blockchain', 'not_used'], ['additive', 'implementing'],
  ]),
  'dma_human.skills': ticks_(['audit', 'plan', 'short', 'on_the_job', 'placements', 'subsidised', 'hiring']),
  'dma_human.engagement': ticks_(['none']),
  'dma_automation.technologies': grid_([
    ['language', 'considering'], ['vision', 'considering'], ['audio', 'not_used'],
    ['robotics', 'not_used'], ['decisions', 'testing'],
  ]),
  'dma_green.uses': ticks_(['energy']),
  'dma_green.practices': grid_([
    ['efficient_devices', 'yes'], ['green_services', 'partly'], ['longer_use', 'partly'],
    ['recycling', 'no'], ['procurement', 'no'],
  ]),
};

async function finalise(page, overview) {
  await gotoHydrated(page, overview);
  await page.getByRole('button', { name: 'Assessment afronden' }).click();
  await page.getByRole('heading', { name: /Uitkomsten/ }).waitFor();
}

/// The cells of the DMA results table, row by row.
async function dimensionRows(page) {
  return page.getByTestId('dma-dimensions').locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent.trim())));
}

test('a DMA prefilled from the Smart Factory answers; staff mark support finished; T0 and T1 reported', async () => {
  const company = await newContext(browser, { viewport: { width: 390, height: 844 } });
  const page = await company.newPage();
  const org = `Voorgevuld Meten ${Date.now()} BV`;
  await registerAndLogIn(page, 'Productiebedrijf', uniqueEmail('dma'), 'Ineke Meter', org);

  // The Smart Factory Assessment: levels that say something about five DMA questions.
  const sf = await startAssessment(page, { company: org, sector: 'metal', size: '20-49' });
  await saveAnswers(page, sf.split('/')[2], {
    'strategy.roadmap': [3, 4],
    'strategy.investment': [3, 4],
    'data.sources': [3, 4],
    'data.analysis': [3, 4],
    'connectivity.security_policy': [3, 4],
  });
  await finalise(page, sf);

  // Its results offer the DMA; the start form has the variant and the company filled in.
  await page.getByRole('link', { name: 'Start de EU-digitaliseringsscan' }).click();
  await page.waitForURL((url) => url.pathname === '/assessment' && url.searchParams.get('variant') === 'dma');
  await page.waitForSelector('body[data-hydrated="true"]');
  assert.equal(await page.getByLabel('EU-digitaliseringsscan (DMA)').isChecked(), true);
  assert.equal(await page.getByLabel('Naam van het bedrijf').inputValue(), org);
  // The number of employees is not in a Smart Factory Assessment: without it the form comes
  // back with its reason beside the field, what was typed kept; then with it, by keyboard.
  await page.getByLabel('KvK-nummer of btw-id (optioneel)').fill('1234 5678');
  await page.getByRole('button', { name: 'Start de assessment' }).click();
  const employees = page.getByLabel('Medewerkers (aantal personen)');
  await page.getByRole('alert').filter({ hasText: 'de EU-scan kan niet zonder' }).waitFor();
  await page.waitForFunction(() => document.querySelector('#field-employees')?.getAttribute('aria-invalid') === 'true');
  assert.equal(await page.getByLabel('KvK-nummer of btw-id (optioneel)').inputValue(), '1234 5678', 'kept');
  await expectAccessible(page, 'the DMA start form with a refused number of employees');
  await employees.focus();
  await page.keyboard.type('35');
  await page.keyboard.press('Tab');
  await page.keyboard.type('2562');
  await page.keyboard.press('Enter');
  await page.getByText('niet naar ambitie of prioriteit gevraagd').waitFor();
  const overview = new URL(page.url()).pathname;
  const reference = overview.split('/')[2];

  // Strategy: what the roadmap and budget said is ticked and marked; the company adds two.
  await gotoHydrated(page, `${overview}/t/dma_strategy`);
  await page.getByRole('note').filter({ hasText: 'al ingevuld vanuit uw Smart Factory Assessment' }).waitFor();
  const readiness = page.getByRole('group', { name: /uitspraken over de voorbereiding/ });
  assert.equal(await readiness.getByLabel('We weten welke bedrijfsbehoeften digitalisering moet oplossen').isChecked(), true);
  assert.equal(await readiness.getByLabel('Er is geld om digitalisering duurzaam te betalen').isChecked(), true);
  assert.equal(await readiness.getByLabel('We kunnen de waarde van een digitale oplossing inschatten').isChecked(), false);
  assert.equal(await page.getByTestId('prefilled').count(), 1, 'one prefilled question on this page');
  await expectAccessible(page, 'a prefilled DMA dimension');
  await tick(page, 'uitspraken over de voorbereiding', [
    'De leiding kan de digitale verandering sturen',
    'We kunnen de waarde van een digitale oplossing inschatten',
  ]);
  await settled(page);

  // Readiness: the ERP as central source ticked "business systems".
  await gotoHydrated(page, `${overview}/t/dma_readiness`);
  const basic = page.getByRole('group', { name: /digitale basistechnologieën/ });
  assert.equal(await basic.getByLabel('Bedrijfssystemen zoals ERP of CRM').isChecked(), true);

  // Data, by keyboard only: the company says data is not collected digitally after all (the
  // prefilled "stored" and "analysed" go), and adds training to the prefilled security.
  await gotoHydrated(page, `${overview}/t/dma_data`);
  const management = page.getByRole('group', { name: 'Hoe gaat uw bedrijf om met zijn gegevens?' });
  assert.equal(await management.getByLabel('Gegevens worden digitaal opgeslagen').isChecked(), true);
  assert.equal(await page.getByTestId('prefilled').count(), 2);
  await management.getByLabel('Gegevens worden niet digitaal verzameld').focus();
  await page.keyboard.press('Space');
  await page.getByRole('group', { name: /Hoe beveiligt uw bedrijf/ }).getByLabel('Medewerkers zijn getraind in cyberveiligheid').focus();
  await page.keyboard.press('Space');
  await settled(page);
  // What was stored: after a reload, the changed questions are no longer marked as prefilled.
  await gotoHydrated(page, `${overview}/t/dma_data`);
  assert.equal(await management.getByLabel('Gegevens worden niet digitaal verzameld').isChecked(), true);
  assert.equal(await management.getByLabel('Gegevens worden digitaal opgeslagen').isChecked(), false);
  assert.equal(await page.getByRole('group', { name: /Hoe beveiligt uw bedrijf/ })
    .getByLabel('Een beveiligingsbeleid dat actueel wordt gehouden').isChecked(), true);
  assert.equal(await page.getByTestId('prefilled').count(), 0, 'both questions were changed');

  // The rest, and the six scores of the hand-computed company: T0.
  await saveAnswers(page, reference, REST);
  await finalise(page, overview);
  assert.equal(await page.getByTestId('dma-overall').innerText(), '35');
  assert.deepEqual((await dimensionRows(page)).map((r) => r[1]), ['45', '45', '50', '25', '20', '25']);

  // Staff mark the support finished on the company page; one invitation waits.
  const staffContext = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const staff = await staffContext.newPage();
  await logInAsAdmin(staff);
  await gotoHydrated(staff, `/staff/companies?q=${encodeURIComponent(org)}`);
  await staff.getByRole('link', { name: org }).click();
  const card = staff.getByTestId('company-dma');
  await card.locator('li strong', { hasText: /^T0$/ }).waitFor();
  await staff.waitForSelector('body[data-hydrated="true"]');
  await card.getByRole('button', { name: 'Ondersteuning afgerond: nodig uit voor een nieuwe meting' }).click();
  await card.getByRole('status').filter({ hasText: 'De ondersteuning is afgerond' }).waitFor();
  await card.getByText('uitnodiging wordt binnen enkele minuten verstuurd').waitFor();
  assert.equal(await card.getByRole('button').count(), 0, 'no second invitation while one waits');
  await expectAccessible(staff, 'the company page with its DMA card');

  // T1: the company measures again (a second later: a measure in the same second has no
  // "before"), from the link the invitation mails, and sees both side by side.
  await page.waitForTimeout(1100);
  await gotoHydrated(page, '/assessment?variant=dma');
  assert.equal(await page.getByLabel('EU-digitaliseringsscan (DMA)').isChecked(), true);
  const again = await startAssessment(page, {
    variant: 'EU-digitaliseringsscan (DMA)', company: org, sector: 'metal', size: '20-49',
  });
  await saveAnswers(page, again.split('/')[2], {
    ...REST,
    // Planning and delivery now invested too: strategy 52.5, shown as 53.
    'dma_strategy.investments': grid_([
      ['design', 'invested'], ['planning', 'invested'], ['operations', 'invested'],
      ['cooperation', 'invested'], ['inbound', 'planned'], ['sales', 'none'], ['delivery', 'invested'],
      ['administration', 'none'], ['purchasing', 'none'], ['security', 'none'],
    ]),
    'dma_strategy.readiness': ticks_(['needs', 'money', 'management', 'value']),
    'dma_data.management': ticks_(['not_digital']),
    'dma_data.security': ticks_(['policy', 'backup', 'training']),
  });
  await finalise(page, again);
  await page.getByRole('columnheader', { name: 'Vorige assessment' }).waitFor();
  const rows = await dimensionRows(page);
  assert.deepEqual(rows[0].slice(1, 5), ['53', 'Redelijk gevorderd', '45', '+8']);
  assert.deepEqual(rows[5].slice(1, 5), ['25', 'Basis', '25', '+0']);
  await expectAccessible(page, 'DMA results beside the previous measure');
  await page.setViewportSize({ width: 320, height: 720 });
  await expectNoSidewaysScroll(page, 'T0 and T1 at 320 px');
  // Not even inside its box: each dimension is a block with every value named.
  const [scroll, width] = await page.getByTestId('dma-dimensions').evaluate((t) => {
    const box = t.closest('.table-wrap');
    return [box.scrollWidth, box.clientWidth];
  });
  assert.ok(scroll <= width + 1, `the results table scrolls sideways at 320 px: ${scroll} > ${width}`);
  if (process.env.SCREENSHOT_DIR) {
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/dma-t1-320.png`, fullPage: true });
  }

  // Staff: the card lists both measures, the dashboard the change per dimension.
  await gotoHydrated(staff, staff.url());
  await card.locator('li strong', { hasText: /^T1$/ }).waitFor();
  await gotoHydrated(staff, '/staff/dashboard');
  const change = staff.getByTestId('dma-change');
  await change.getByText('Score per dimensie van 1 bedrijf').waitFor();
  const changes = await change.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent.trim())));
  assert.deepEqual(changes[0].slice(1), ['45,0', '53,0', '+8,0']);
  assert.deepEqual(changes[1].slice(1), ['45,0', '45,0', '0,0']);

  // The EDIH report for today: a wrong period comes back with its reason, then both rows.
  // Its period is read in Dutch days, like every figure of the dashboard, so "today" is the
  // Dutch date here (between 23:00 and 24:00 UTC it is already tomorrow's).
  await gotoHydrated(staff, '/staff/exports');
  const today = dutchToday();
  const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86400000).toISOString().slice(0, 10);
  await staff.getByLabel('Afgerond vanaf').fill(tomorrow);
  await staff.getByLabel('Afgerond tot en met').fill(today);
  await staff.getByRole('button', { name: 'Download CSV' }).click();
  await staff.getByRole('alert').filter({ hasText: 'De einddatum ligt voor de begindatum.' }).waitFor();
  assert.equal(await staff.getByLabel('Afgerond vanaf').inputValue(), tomorrow, 'the period is kept');
  await staff.waitForSelector('body[data-hydrated="true"]');
  await expectAccessible(staff, 'exports with a refused period');
  await staff.getByLabel('Afgerond vanaf').fill(today);
  const [csv] = await Promise.all([
    staff.waitForEvent('download'),
    staff.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  const lines = (await readFile(await csv.path(), 'utf8')).split(/\r?\n/).filter((l) => l.includes(org));
  assert.equal(lines.length, 2, lines.join('\n'));
  // T1's company data came from T0's start form (prefilled), so both rows carry it.
  for (const line of lines) {
    assert.ok(line.includes(',12345678,T') && line.includes(',20-49,35,small,metal,2562,C25,groningen,NL11,'), line);
  }
  assert.ok(lines[0].includes(',T0,') && lines[0].endsWith(',45,45,50,25,20,25,35,average'), lines[0]);
  assert.ok(lines[1].includes(',T1,') && lines[1].endsWith(',53,45,50,25,20,25,36,average'), lines[1]);
  const [xlsx] = await Promise.all([
    staff.waitForEvent('download'),
    staff.getByRole('button', { name: 'Download Excel' }).click(),
  ]);
  assert.match(xlsx.suggestedFilename(), /\.xlsx$/);
  const workbook = await readFile(await xlsx.path());
  assert.equal(workbook.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX is a zip file');
  await staff.setViewportSize({ width: 320, height: 720 });
  await expectNoSidewaysScroll(staff, 'exports at 320 px');

  assert.deepEqual(company.errors, []);
  assert.deepEqual(staffContext.errors, []);
  await staffContext.close();
  await company.close();
});
