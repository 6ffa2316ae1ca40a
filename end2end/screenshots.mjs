// Takes the screenshots in docs/screenshots/: home, register and log-in pages in Dutch at
// desktop (1280 px) and phone (390 px) width. Run against a running release build:
//   BASE_URL=http://127.0.0.1:3000 node screenshots.mjs
import { launch, newContext, gotoHydrated } from './tests/helpers.mjs';
import { mkdirSync } from 'node:fs';

const out = new URL('../docs/screenshots/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const browser = await launch();
for (const width of [1280, 390]) {
  const context = await newContext(browser, { viewport: { width, height: 900 } });
  const page = await context.newPage();
  for (const [name, path] of [['home', '/'], ['register', '/register'], ['login', '/login']]) {
    await gotoHydrated(page, path);
    await page.screenshot({ path: `${out}${name}-${width}.png`, fullPage: true });
  }
  if (context.errors.length) console.error(context.errors.join('\n'));
  await context.close();
}
await browser.close();
console.log(`screenshots written to ${out}`);
