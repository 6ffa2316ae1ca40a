// Bytes a first visit transfers: everything Chromium downloads with an empty cache to show a
// page and make it interactive (HTML, CSS, JS, the WASM and the WASM chunks the page loads
// after hydration starts), counted as sent on the wire (compressed, headers included).
//
// As a script it measures the pages issue 7 names against a running release server:
//   BASE_URL=http://127.0.0.1:3000 ADMIN_EMAIL=… ADMIN_PASSWORD=… node first-visit.mjs
// The browser test tests/budget.test.mjs uses `firstVisit` to hold the budgets.
import { BASE_URL, ADMIN_EMAIL, ADMIN_PASSWORD, launch } from './tests/helpers.mjs';

/// Loads `path` in a fresh page of `context` and returns { total, files: [{ url, bytes }] }.
/// Waits until the page has hydrated and the network has been quiet, so chunks that load
/// during hydration are counted.
export async function firstVisit(context, path) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const urls = new Map();
  const files = [];
  cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
  cdp.on('Network.loadingFinished', (e) => {
    files.push({ url: urls.get(e.requestId) ?? '?', bytes: e.encodedDataLength });
  });
  await page.goto(path, { waitUntil: 'networkidle' });
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 15000 });
  await page.waitForLoadState('networkidle');
  await page.close();
  const total = files.reduce((n, f) => n + f.bytes, 0);
  return { total, files };
}

/// A new assessment's questionnaire page (the assessment page a respondent spends time on).
export async function newAssessmentPath(context) {
  const res = await context.request.post('/api/assessment/start', {
    form: {
      variant: 'manufacturing',
      company_name: 'Meting BV',
      sector: 'metal',
      size_class: '20-49',
      province: 'groningen',
      respondent_role: 'Directeur',
    },
    // As the start page's own form would be marked (a post with a session needs it).
    headers: { 'sec-fetch-site': 'same-origin' },
    maxRedirects: 0,
  });
  const location = res.headers()['location'] ?? '';
  const reference = location.match(/^\/assessment\/([^/?]+)/)?.[1];
  if (!reference) throw new Error(`starting an assessment gave no reference (${res.status()} ${location})`);
  return `/assessment/${reference}/t/strategy`;
}

export async function logIn(context, email, password) {
  const res = await context.request.post('/api/login', {
    form: { email, password, next: '/' },
    headers: { 'sec-fetch-site': 'same-origin' },
    maxRedirects: 0,
  });
  if (res.status() >= 400) throw new Error(`log-in failed: ${res.status()}`);
}

async function main() {
  const browser = await launch();
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  try {
    // No service worker: a first visit has none, and the assessment's offline copy would
    // answer the overview from its cache after the questionnaire page registered it.
    const guest = await browser.newContext({ baseURL: BASE_URL, serviceWorkers: 'block' });
    const agenda = await guest.newPage();
    await agenda.goto('/events');
    const event = await agenda.locator('a[href^="/events/"]').first().getAttribute('href').catch(() => null);
    await agenda.close();
    const questionnaire = await newAssessmentPath(guest);
    const pages = [
      ['/', 150],
      ['/directory', 150],
      ['/events', 150],
      [event ?? '/events', 150],
      ['/assessment', 250],
      [questionnaire, 250],
      // The assessment's overview, with the resume link and its copy button.
      [questionnaire.replace(/\/t\/strategy$/, ''), 250],
    ];
    const rows = [];
    for (const [path, budget] of pages) rows.push([path, await firstVisit(guest, path), budget]);
    await guest.close();
    if (ADMIN_EMAIL && ADMIN_PASSWORD) {
      const staff = await browser.newContext({ baseURL: BASE_URL });
      await logIn(staff, ADMIN_EMAIL, ADMIN_PASSWORD);
      rows.push(['/staff/dashboard', await firstVisit(staff, '/staff/dashboard'), null]);
      await staff.close();
    }
    for (const [path, visit, budget] of rows) {
      console.log(`${path.padEnd(48)} ${kb(visit.total).padStart(10)}  budget ${budget ? kb(budget * 1024) : '–'}`);
      if (process.env.VERBOSE) {
        for (const f of visit.files) console.log(`    ${new URL(f.url).pathname.padEnd(60)} ${kb(f.bytes).padStart(10)}`);
      }
    }
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
