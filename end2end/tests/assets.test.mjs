// What a browser downloads on a first visit to the release build: the build files carry a
// content hash in their names and may be kept for a year; they come brotli-compressed; the
// page itself is compressed and never cached. Checked over plain HTTP (the headers are what
// matter), then in Chromium: the page hydrates from the hashed files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, newContext, gotoHydrated } from './helpers.mjs';
import { newAssessmentPath } from '../first-visit.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('hashed build files are cached for a year and served precompressed; pages are not cached', async () => {
  const page = await fetch(`${BASE_URL}/`, { headers: { 'accept-encoding': 'br, gzip' } });
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('cache-control'), 'no-cache, private');
  assert.match(page.headers.get('content-encoding') ?? '', /^(br|gzip)$/);
  const html = await page.text();

  const css = html.match(/href="(\/pkg\/sih\.[A-Za-z0-9_-]{22}\.css)"/)?.[1];
  const js = html.match(/(\/pkg\/sih\.[A-Za-z0-9_-]{22}\.js)/)?.[1];
  const wasm = html.match(/(\/pkg\/sih\.[A-Za-z0-9_-]{22}\.wasm)/)?.[1];
  assert.ok(css && js && wasm, 'the page names the hashed stylesheet, script and module');
  for (const file of [css, js, wasm]) {
    const res = await fetch(`${BASE_URL}${file}`, { headers: { 'accept-encoding': 'br' } });
    assert.equal(res.status, 200, file);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable', file);
    assert.equal(res.headers.get('content-encoding'), 'br', file);
    await res.arrayBuffer();
  }

  const context = await newContext(browser);
  const tab = await context.newPage();
  await gotoHydrated(tab, '/');
  const rules = await tab.evaluate(() =>
    [...document.styleSheets]
      .filter((s) => /\/pkg\/sih\.[\w-]{22}\.css$/.test(s.href ?? ''))
      .reduce((n, s) => n + s.cssRules.length, 0),
  );
  assert.ok(rules > 50, `the hashed stylesheet is applied (${rules} rules)`);
  await context.close();
});

/// The paths of the WASM files `page` requests from now on (filled as they are requested).
function wasmRequests(page) {
  const paths = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith('.wasm')) paths.push(path);
  });
  return paths;
}

test('a public page loads one WASM module; a questionnaire page loads its group as hashed chunks', async () => {
  const context = await newContext(browser);
  const tab = await context.newPage();
  let wasm = wasmRequests(tab);
  await gotoHydrated(tab, '/');
  await tab.waitForLoadState('networkidle');
  assert.equal(wasm.length, 1, `the home page loads only the first module: ${wasm.join(', ')}`);
  assert.match(wasm[0], /^\/pkg\/sih\.[\w-]{22}\.wasm$/);

  // The questionnaire lives in a chunk of its own: announced by the server, fetched during
  // hydration, hashed and cached like the rest, and the page works once it has arrived.
  const questionnaire = await newAssessmentPath(context);
  const html = await (await fetch(`${BASE_URL}${questionnaire}`)).text();
  const announced = [...html.matchAll(/<link[^>]+href="(\/pkg\/[^"]+\.wasm)"/g)].map((m) => m[1]);
  assert.ok(announced.length >= 1, 'the page announces its chunks with <link rel=preload>');
  for (const file of announced) {
    assert.match(file, /\.[\w-]{22}\.wasm$/, `${file} carries a content hash`);
    const res = await fetch(`${BASE_URL}${file}`, { headers: { 'accept-encoding': 'br' } });
    assert.equal(res.status, 200, file);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable', file);
    assert.equal(res.headers.get('content-encoding'), 'br', file);
    await res.arrayBuffer();
  }
  const page = await context.newPage();
  wasm = wasmRequests(page);
  await gotoHydrated(page, questionnaire);
  assert.ok(wasm.length > 1, `the questionnaire page fetched its chunks: ${wasm.join(', ')}`);
  // The first answer is saved by the page's own (lazily loaded) code.
  await page.locator('input[name^="current:"]').first().check();
  await page.locator('.save-status[data-state="saved"]').first().waitFor();
  assert.deepEqual(context.errors, []);
  await context.close();
});
