// Accessibility and reflow over the platform's pages on the release build: axe-core finds no
// violation, and no page scrolls sideways on a 320 px phone (WCAG 1.4.10). Public pages as a
// visitor, an assessment from start to results, and the staff workspace as the administrator.
import { test } from '@playwright/test';
import assert from 'node:assert/strict';
import {
  newContext, gotoHydrated, expectAccessible, expectNoSidewaysScroll, logInAsAdmin, startAssessment,
} from './helpers.mjs';

// Playwright launches the browser (playwright.config.mjs) and closes it after the file.
let browser;
test.beforeAll(({ browser: launched }) => {
  browser = launched;
});

/// Each page at desktop width through axe-core, then at 320 px for sideways scrolling.
async function check(page, paths) {
  for (const path of paths) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await gotoHydrated(page, path);
    await expectAccessible(page, path);
    await page.setViewportSize({ width: 320, height: 720 });
    await expectNoSidewaysScroll(page, `${path} at 320 px`);
  }
}

test('public pages and a whole assessment pass axe-core and reflow at 320 px', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await check(page, ['/', '/directory', '/events', '/practices', '/login', '/register', '/forgot-password', '/assessment']);

  await page.setViewportSize({ width: 1280, height: 900 });
  const overview = await startAssessment(page, { company: 'Toegankelijk BV' });
  const reference = overview.split('/')[2];
  const saved = await page.evaluate(async (ref) => {
    const post = (endpoint, body) =>
      fetch(`/api/${endpoint}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.status);
    return [
      await post('assessment/save_answer', { reference: ref, item_key: 'data.sources', current: 2, ambition: 4, not_applicable: false, comment: '' }),
      await post('assessment/save_priority', { reference: ref, transition: 'data', priority: 'high' }),
    ];
  }, reference);
  assert.deepEqual(saved, [200, 200]);
  const transition = await page.locator('.progress-list a').first().getAttribute('href');
  await check(page, [overview, transition]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await gotoHydrated(page, overview);
  await page.getByRole('button', { name: 'Assessment afronden' }).click();
  await page.getByRole('heading', { name: /Uitkomsten/ }).waitFor();
  await check(page, [`${overview}/results`, `${overview}/matches`, `${overview}/plan`]);
  assert.deepEqual(context.errors, []);
  await context.close();
});

test('the staff workspace passes axe-core and reflows at 320 px', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await logInAsAdmin(page);
  await check(page, [
    '/staff/dashboard', '/staff/figures', '/staff/companies', '/staff/users', '/staff/events', '/staff/new-event',
    '/staff/practices', '/staff/practices/new',
    '/staff/profiles', '/staff/requests', '/staff/assessments', '/staff/plans', '/staff/plans?stalled=1', '/staff/guidance', '/staff/exports', '/staff/questionnaires',
    '/staff/questionnaires/process/steps', '/staff/questionnaires/process/steps/operations.order_status', '/account',
  ]);
  // The header fits on one line on a laptop.
  await page.setViewportSize({ width: 1280, height: 900 });
  await gotoHydrated(page, '/staff/dashboard');
  const oneLine = await page.locator('.header-row').evaluate((row) => {
    const boxes = [...row.children].map((c) => c.getBoundingClientRect());
    return Math.max(...boxes.map((b) => b.top)) < Math.min(...boxes.map((b) => b.bottom));
  });
  assert.ok(oneLine, 'staff header on one line at 1280 px');
  assert.deepEqual(context.errors, []);
  await context.close();
});
