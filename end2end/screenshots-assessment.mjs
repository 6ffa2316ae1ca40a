// Screenshots of an assessment's journey in docs/screenshots/: the overview with its resume
// link, a transition page on a phone, the results on a laptop and a phone, and the results
// printed to A4 (PDF, and its first pages as PNG when pdftoppm is there). Run against a
// running release build:
//   BASE_URL=http://127.0.0.1:3000 node screenshots-assessment.mjs
import { launch, newContext, gotoHydrated, startAssessment } from './tests/helpers.mjs';
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const out = new URL('../docs/screenshots/', import.meta.url).pathname;
const browser = await launch();
const shot = async (page, name) => page.screenshot({ path: `${out}${name}.png`, fullPage: true });

const desk = await newContext(browser, { viewport: { width: 1280, height: 900 } });
const page = await desk.newPage();
const overview = await startAssessment(page, { company: 'Zuivelfabriek De Terp', province: 'friesland' });
const reference = overview.split('/')[2];
await shot(page, 'assessment-overview-1280');

// Answers for every item and a priority per transition, through the autosave endpoints.
const keys = await page.evaluate(async () => {
  const links = [...document.querySelectorAll('.progress-list a')].map((a) => a.getAttribute('href'));
  const items = [];
  for (const href of links) {
    const html = await fetch(href).then((r) => r.text());
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const names = [...doc.querySelectorAll('input[name^="current:"][value="1"]')].map((i) => i.name.slice(8));
    items.push({ transition: href.split('/t/')[1], names });
  }
  return items;
});
await page.evaluate(async ({ ref, keys }) => {
  const post = (endpoint, body) =>
    fetch(`/api/${endpoint}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const priorities = ['high', 'medium', 'low'];
  for (const [t, { transition, names }] of keys.entries()) {
    for (const [i, key] of names.entries()) {
      const current = 1 + ((t + i) % 3);
      await post('assessment/save_answer', { reference: ref, item_key: key, current, ambition: Math.min(5, current + 1 + (t % 2)), not_applicable: false, comment: '' });
    }
    await post('assessment/save_priority', { reference: ref, transition, priority: priorities[t % 3] });
  }
}, { ref: reference, keys });

const phone = await newContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
const p = await phone.newPage();
await gotoHydrated(p, `${overview}/t/${keys[0].transition}`);
await shot(p, 'assessment-transition-390');

await gotoHydrated(page, overview);
await page.getByRole('button', { name: 'Assessment afronden' }).click();
await page.getByRole('heading', { name: /Uitkomsten/ }).waitFor();
await shot(page, 'assessment-results-1280');
await gotoHydrated(p, `${overview}/results`);
await shot(p, 'assessment-results-390');

await page.emulateMedia({ media: 'print' });
writeFileSync(`${out}assessment-results-a4.pdf`, await page.pdf({ format: 'A4', printBackground: true }));
try {
  execFileSync('pdftoppm', ['-png', '-r', '60', '-l', '3', `${out}assessment-results-a4.pdf`, `${out}assessment-results-a4`]);
} catch {
  console.error('pdftoppm not found: the A4 report is only written as PDF');
}
for (const ctx of [desk, phone]) {
  if (ctx.errors.length) console.error(ctx.errors.join('\n'));
  await ctx.close();
}
await browser.close();
console.log(`screenshots written to ${out}`);
