// The EU Digital Maturity Assessment in Chromium on the release build, on a phone: a company
// chooses it on the start page, answers the six dimensions by mouse and keyboard (no priority
// is asked), is told to finish the open grid rows before it can finalise, and reads the
// JRC's six scores, overall score and band (the hand-computed company of docs/scoring.md:
// 45, 45, 50, 25, 20, 25, overall 35, "average"), in Dutch and English, at 320 px and on A4.
import { test } from '@playwright/test';
import assert from 'node:assert/strict';
import {
  newContext, gotoHydrated, expectAccessible, expectNoSidewaysScroll, startAssessment,
} from './helpers.mjs';

let browser;
test.beforeAll(({ browser: launched }) => {
  browser = launched;
});

async function settled(page) {
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.save-status')].every((s) => !['saving', 'failed'].includes(s.dataset.state)),
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
  const overview = await startAssessment(page, {
    variant: 'EU-digitaliseringsscan (DMA)', company: 'Digitaal Meten BV', sector: 'metal', size: '20-49',
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
