// Providers and matching in Chromium on the release build: a provider fills in its profile with a
// logo, staff publish it, a company with a finalised assessment sees it among its matches with
// the reasons and sends a contact request, and the provider finds the request in its inbox.
import { test } from '@playwright/test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import {
  newContext, gotoHydrated, uniqueEmail, expectAccessible, registerAndLogIn, ADMIN_EMAIL, ADMIN_PASSWORD,
} from './helpers.mjs';

// Playwright launches the browser (playwright.config.mjs) and closes it after the file.
let browser;
test.beforeAll(({ browser: launched }) => {
  browser = launched;
});

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/// A real RGB PNG (a blue-orange gradient), larger than the 320 px logo box.
function png(width, height) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x += 1) {
      raw[row + 1 + x * 3] = Math.floor((x / width) * 224);
      raw[row + 2 + x * 3] = 92;
      raw[row + 3 + x * 3] = 138;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

test('provider profile with logo → staff publish → company match with reasons → contact request → provider inbox', async () => {
  const suffix = Date.now().toString(36);
  const providerName = `Noord Automatisering ${suffix}`;
  const companyName = `Zuivelfabriek De Terp ${suffix}`;

  // 1. The provider fills in its profile.
  const providerContext = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const provider = await providerContext.newPage();
  const providerEmail = uniqueEmail('jan');
  await registerAndLogIn(provider, 'Oplossingsleverancier', providerEmail, 'Jan Bakker', providerName);
  await provider.getByRole('link', { name: 'Mijn profiel' }).click();
  await provider.getByRole('heading', { name: 'Profiel van uw bedrijf' }).waitFor();
  await provider.waitForSelector('body[data-hydrated="true"]');
  // The upload form posts with a few lines of inline script: the page downloads no WASM.
  assert.deepEqual(
    await provider.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /\.(wasm|js)$/.test(n))),
    [],
  );
  assert.equal(await provider.getByLabel('Naam', { exact: true }).inputValue(), providerName);
  await expectAccessible(provider, 'the profile editor');

  await provider.getByLabel('Beschrijving').fill('Wij koppelen **machines** aan uw ERP.\n\n<script>alert(1)</script>');
  await provider.getByLabel('Logo', { exact: true }).setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png(640, 240) });
  await provider.getByLabel('Datamanagement').check();
  await provider.getByLabel('Connectiviteit en IT/OT-beveiliging').check();
  await provider.getByLabel('Procesindustrie').check();
  await provider.getByRole('group', { name: "Regio's" }).getByLabel('Friesland').check();
  await provider.getByLabel('Technologieën').fill('OPC UA, MQTT');

  // Submitting without a pitch is refused with a message; nothing typed is lost.
  await provider.getByRole('button', { name: 'Indienen ter beoordeling' }).click();
  await provider.getByRole('alert').filter({ hasText: 'korte pitch' }).waitFor();
  assert.equal(await provider.getByLabel('Technologieën').inputValue(), 'OPC UA, MQTT');
  assert.equal(await provider.getByLabel('Datamanagement').isChecked(), true);
  assert.equal(await provider.getByLabel('Korte pitch').getAttribute('aria-invalid'), 'true');
  await expectAccessible(provider, 'the profile editor with an error');

  // Without JavaScript the same refusal brings the form back as typed too (kept on the
  // server: the description fits in no cookie and stays out of the address bar).
  const plainContext = await newContext(browser, {
    javaScriptEnabled: false,
    storageState: await providerContext.storageState(),
  });
  const plain = await plainContext.newPage();
  await plain.goto('/profile');
  const longText = `Wij meten alles, van de weegbrug tot de verpakkingslijn. ${'Meer uitleg. '.repeat(300)}`;
  await plain.getByLabel('Beschrijving').fill(longText);
  await plain.getByLabel('Technologieën').fill('OPC UA, MQTT, Modbus');
  await plain.getByLabel('Datamanagement').check();
  await plain.getByRole('button', { name: 'Indienen ter beoordeling' }).click();
  await plain.getByRole('alert').filter({ hasText: 'korte pitch' }).waitFor();
  assert.ok(!plain.url().includes('Modbus') && !plain.url().includes('weegbrug'), plain.url());
  assert.equal(await plain.getByLabel('Beschrijving').inputValue(), longText);
  assert.equal(await plain.getByLabel('Technologieën').inputValue(), 'OPC UA, MQTT, Modbus');
  assert.equal(await plain.getByLabel('Datamanagement').isChecked(), true);
  await plainContext.close();

  await provider.getByLabel('Korte pitch').fill('Machines en ERP aan elkaar, zonder gedoe');
  await provider.getByRole('button', { name: 'Indienen ter beoordeling' }).click();
  await provider.getByText('Uw profiel is ingediend').waitFor();
  await provider.getByText('Ingediend, wacht op beoordeling').waitFor();
  assert.equal(await provider.locator('img.logo-preview').evaluate((img) => img.naturalWidth), 320, 'logo scaled to 320 px');

  // 2. Staff publish it.
  const staffContext = await newContext(browser);
  const staff = await staffContext.newPage();
  await gotoHydrated(staff, '/login');
  await staff.getByLabel('E-mailadres').fill(ADMIN_EMAIL);
  await staff.getByLabel('Wachtwoord').fill(ADMIN_PASSWORD);
  await staff.getByRole('button', { name: 'Inloggen' }).click();
  // The staff menu opens on the dashboard; the review queue is one click further.
  await staff.getByRole('link', { name: 'Medewerkers' }).click();
  await staff.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  await staff.getByRole('link', { name: 'Profielen beoordelen' }).click();
  await staff.getByRole('heading', { name: 'Profielen beoordelen' }).waitFor();
  await staff.getByRole('link', { name: providerName }).click();
  await staff.getByRole('heading', { name: providerName }).waitFor();
  await staff.waitForSelector('body[data-hydrated="true"]');
  assert.equal(await staff.locator('.prose script').count(), 0, 'no script in the preview');
  await expectAccessible(staff, 'the staff review page');
  await staff.getByRole('button', { name: 'Goedkeuren en publiceren' }).click();
  await staff.getByText('De beslissing is verwerkt').waitFor();

  // The directory shows it, found by a technology, with its logo.
  await gotoHydrated(staff, '/directory');
  await staff.getByLabel('Zoeken').fill('mqtt');
  await staff.getByRole('button', { name: 'Toon resultaten' }).click();
  await staff.waitForURL(/q=mqtt/);
  const card = staff.locator('.profile-card', { hasText: providerName });
  await card.waitFor();
  assert.ok((await card.locator('img').evaluate((img) => img.naturalWidth)) > 0, 'logo loads');
  // A choice applies at once, without a page load, and keeps the search word.
  await staff.evaluate(() => { window.samePage = true; });
  await staff.getByLabel('Regio', { exact: true }).selectOption('drenthe');
  await staff.waitForURL(/region=drenthe/);
  await staff.locator('#directory-results .empty-state, #directory-results .profile-card').first().waitFor();
  assert.equal(await staff.locator('.profile-card', { hasText: providerName }).count(), 0, 'a Friesland profile is not in Drenthe');
  assert.equal(await staff.evaluate(() => window.samePage), true, 'no page load');
  assert.ok(staff.url().includes('q=mqtt'), staff.url());

  // 3. A company with a finalised assessment sees the match with its reasons.
  const companyContext = await newContext(browser, { viewport: { width: 390, height: 844 } });
  const company = await companyContext.newPage();
  const companyEmail = uniqueEmail('anna');
  await registerAndLogIn(company, 'Productiebedrijf', companyEmail, 'Anna de Vries', companyName);
  await gotoHydrated(company, '/assessment');
  await company.getByLabel('Procesindustrie').check();
  await company.getByLabel('Naam van het bedrijf').fill(companyName);
  await company.getByLabel('Sector').selectOption('food');
  await company.getByLabel('Aantal medewerkers').selectOption('50-99');
  await company.getByLabel('Provincie').selectOption('friesland');
  await company.getByRole('button', { name: 'Start de assessment' }).click();
  await company.getByText('Bewaar deze link.').waitFor();
  await company.waitForSelector('body[data-hydrated="true"]');
  const reference = new URL(company.url()).pathname.split('/')[2];
  // Answer two items and a priority through the same endpoints the transition pages use.
  const statuses = await company.evaluate(async (ref) => {
    const post = (endpoint, body) =>
      fetch(`/api/${endpoint}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.status);
    return [
      await post('assessment/save_answer', { reference: ref, item_key: 'data.sources', current: 2, ambition: 5, not_applicable: false, comment: '' }),
      await post('assessment/save_answer', { reference: ref, item_key: 'connectivity.network', current: 3, ambition: 4, not_applicable: false, comment: '' }),
      await post('assessment/save_priority', { reference: ref, transition: 'data', priority: 'high' }),
    ];
  }, reference);
  assert.deepEqual(statuses, [200, 200, 200]);
  await gotoHydrated(company, `/assessment/${reference}`);
  await company.getByRole('button', { name: 'Assessment afronden' }).click();
  await company.getByRole('heading', { name: /Uitkomsten/ }).waitFor();
  await company.getByRole('heading', { name: 'Passende leveranciers en adviseurs' }).waitFor();
  const match = company.locator('.match-card', { hasText: providerName });
  await match.getByText('helpt bij uw prioriteiten Datamanagement en Connectiviteit en IT/OT-beveiliging').waitFor();
  await match.getByText('werkt voor de procesindustrie').waitFor();
  await match.getByText('actief in Friesland').waitFor();
  await company.waitForSelector('body[data-hydrated="true"]');

  // 4. The contact request.
  await match.getByRole('link', { name: 'Contact aanvragen' }).click();
  await company.getByRole('heading', { name: `Contact aanvragen bij ${providerName}` }).waitFor();
  await company.waitForSelector('body[data-hydrated="true"]');
  await expectAccessible(company, 'the contact form');
  await company.getByLabel('Uw bericht').fill('Wij willen onze melkontvangst koppelen aan het ERP. Kunt u langskomen?');
  await company.getByRole('button', { name: 'Aanvraag versturen' }).click();
  await company.getByText('Uw aanvraag is verstuurd').waitFor();
  await company.locator('.match-card', { hasText: providerName }).getByText('Contactaanvraag verstuurd').waitFor();

  // 5. The provider sees it in the inbox, with the shared summary.
  await gotoHydrated(provider, '/profile/requests');
  const request = provider.locator('.request', { hasText: companyName });
  await request.getByText('melkontvangst').waitFor();
  await request.getByText('Samenvatting van hun assessment').waitFor();
  await request.getByText(/Datamanagement/).first().waitFor();
  await expectAccessible(provider, 'the provider inbox');

  for (const ctx of [providerContext, staffContext, companyContext]) {
    assert.deepEqual(ctx.errors, []);
    await ctx.close();
  }
});
