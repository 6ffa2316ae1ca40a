import { chromium } from 'playwright-core';
const base = process.env.BASE_URL;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
async function login(page, email, password) {
  await page.goto(base + '/login');
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForLoadState('networkidle');
}
for (const width of [390, 320]) {
  const ctx = await browser.newContext({ viewport: { width, height: 800 }, userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36' });
  const page = await ctx.newPage();
  await login(page, 'beheer@e2e.test', process.env.ADMIN_PASSWORD);
  await page.goto(base + '/account');
  await page.locator('section.sessions').scrollIntoViewIfNeeded();
  await page.locator('section.sessions').screenshot({ path: `/tmp/sih/sessions-${width}.png` });
  await page.goto(base + '/staff/outbox');
  await page.screenshot({ path: `/tmp/sih/outbox-${width}.png`, fullPage: false });
  await ctx.close();
}
const anon = await browser.newContext({ viewport: { width: 390, height: 700 } });
const p = await anon.newPage();
const res = await p.goto(base + '/staff/exports/answers.csv');
console.log('export as visitor:', res.status());
await p.screenshot({ path: '/tmp/sih/error-page.png' });
const en = await browser.newContext({ viewport: { width: 390, height: 700 } });
await en.addCookies([{ name: 'sih_lang', value: 'en', url: base }]);
const p2 = await en.newPage();
const r2 = await p2.goto(base + '/events/%E2%80%AEabc');
console.log('bidi path:', r2.status());
await p2.screenshot({ path: '/tmp/sih/error-page-en.png' });
await browser.close();
