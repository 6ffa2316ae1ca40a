// Screenshots of the directory, a profile, the events and the check-in list, in
// docs/screenshots/. Run against a running release build that has data (for example the
// database the browser tests leave behind):
//   BASE_URL=http://127.0.0.1:3000 ADMIN_EMAIL=… ADMIN_PASSWORD=… node screenshots-platform.mjs
import { launch, newContext, gotoHydrated, ADMIN_EMAIL, ADMIN_PASSWORD } from './tests/helpers.mjs';

const out = new URL('../docs/screenshots/', import.meta.url).pathname;
const browser = await launch();
const shot = async (page, name) => page.screenshot({ path: `${out}${name}.png`, fullPage: true });

const desk = await newContext(browser, { viewport: { width: 1280, height: 900 } });
const page = await desk.newPage();
await gotoHydrated(page, '/directory');
await shot(page, 'directory-1280');
const profile = page.locator('.profile-card a').first();
if (await profile.count()) {
  await profile.click();
  await page.waitForSelector('.profile-header');
  await shot(page, 'provider-profile-1280');
}
await gotoHydrated(page, '/events?when=past');
await gotoHydrated(page, '/events');
await shot(page, 'events-1280');

const phone = await newContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
const p = await phone.newPage();
await gotoHydrated(p, '/login');
await p.getByLabel('E-mailadres').fill(ADMIN_EMAIL);
await p.getByLabel('Wachtwoord').fill(ADMIN_PASSWORD);
await p.getByRole('button', { name: 'Inloggen' }).click();
await p.getByRole('link', { name: 'Medewerkers' }).waitFor();
await gotoHydrated(p, '/staff/events');
const event = p.locator('table a').first();
if (await event.count()) {
  const href = await event.getAttribute('href');
  await gotoHydrated(p, `${href}/check-in`);
  await shot(p, 'event-check-in-390');
}
for (const ctx of [desk, phone]) {
  if (ctx.errors.length) console.error(ctx.errors.join('\n'));
  await ctx.close();
}
await browser.close();
console.log(`screenshots written to ${out}`);
