// Screenshots of the digitalisation plan in docs/screenshots/: a 20-49 company's plan (with the
// advice for its size) on a laptop and a phone, printed to A4 (PDF, and its first pages as PNG
// when pdftoppm is there), the staff's step templates, plans and guidance pipeline, and the
// best practices. Run against a running release build with demo data:
//   BASE_URL=http://127.0.0.1:3000 ADMIN_EMAIL=… ADMIN_PASSWORD=… node screenshots-plan.mjs
import { launch, newContext, gotoHydrated, startAssessment, logInAsAdmin } from './tests/helpers.mjs';
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const out = new URL('../docs/screenshots/', import.meta.url).pathname;
const browser = await launch();
const shot = async (page, name) => page.screenshot({ path: `${out}${name}.png`, fullPage: true });

const desk = await newContext(browser, { viewport: { width: 1280, height: 900 } });
const page = await desk.newPage();
const overview = await startAssessment(page, { company: 'Zuivelfabriek De Terp', size: '20-49', province: 'friesland' });
const reference = overview.split('/')[2];
// Operations and planning as priorities, on questions the shipped templates give advice for.
await page.evaluate(async (ref) => {
  const post = (endpoint, body) =>
    fetch(`/api/${endpoint}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (item_key, current, ambition) =>
    post('assessment/save_answer', { reference: ref, item_key, current, ambition, not_applicable: false, comment: '' });
  await answer('operations.order_status', 2, 4);
  await answer('operations.machine_data', 1, 4);
  await answer('operations.quality', 2, 3);
  await answer('planning.method', 2, 4);
  await answer('planning.disruptions', 1, 3);
  await answer('connectivity.security_policy', 2, 4);
  await post('assessment/save_priority', { reference: ref, transition: 'operations', priority: 'high' });
  await post('assessment/save_priority', { reference: ref, transition: 'planning', priority: 'medium' });
  await post('assessment/save_priority', { reference: ref, transition: 'connectivity', priority: 'low' });
}, reference);
await gotoHydrated(page, overview);
await page.getByRole('button', { name: 'Assessment afronden' }).click();
await page.getByRole('heading', { name: /Uitkomsten/ }).waitFor();
await gotoHydrated(page, `${overview}/plan`);
await shot(page, 'plan-1280');

const phone = await newContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
const p = await phone.newPage();
await gotoHydrated(p, `${overview}/plan`);
await p.screenshot({ path: `${out}plan-390.png`, fullPage: false });

await page.emulateMedia({ media: 'print' });
writeFileSync(`${out}plan-a4.pdf`, await page.pdf({ format: 'A4', printBackground: true }));
try {
  execFileSync('pdftoppm', ['-png', '-r', '60', '-l', '2', `${out}plan-a4.pdf`, `${out}plan-a4`]);
} catch {
  console.error('pdftoppm not found: the printed plan is only written as PDF');
}
await page.emulateMedia({ media: 'screen' });

await logInAsAdmin(page);
for (const [name, path] of [
  ['staff-step-templates', '/staff/questionnaires/process/steps/operations.order_status'],
  ['staff-plans', '/staff/plans'],
  ['staff-guidance', '/staff/guidance'],
  ['practices', '/practices'],
]) {
  await gotoHydrated(page, path);
  await page.screenshot({ path: `${out}${name}-1280.png`, fullPage: false });
}
for (const ctx of [desk, phone]) {
  if (ctx.errors.length) console.error(ctx.errors.join('\n'));
  await ctx.close();
}
await browser.close();
console.log(`screenshots written to ${out}`);
