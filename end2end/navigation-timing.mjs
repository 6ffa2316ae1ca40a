// Time from a click on a link to the next page's first content, with and without the
// prefetch the Speculation Rules in every page ask for (issue 20), side by side in one run
// against a running release server:
//   BASE_URL=http://127.0.0.1:3000 [LATENCY=150] [REDUCED_MOTION=1] node navigation-timing.mjs
// "With": the pointer rests on the link for 300 ms first, as a hand on a mouse does before
// it clicks (the rules' "moderate" eagerness prefetches after 200 ms). "Without": the same,
// after the rules are taken out of the page. Measured in the new page: its navigation
// starts at the click, so first-contentful-paint is the time the visitor waited. Also the
// questionnaire's "Next" button, which moves within the page (the runner), against loading
// the same transition as a page.
import { BASE_URL, launch } from './tests/helpers.mjs';
import { newAssessmentPath } from './first-visit.mjs';

const RUNS = Number(process.env.RUNS ?? 11);

async function timeClick(page, from, link, prefetch) {
  await page.goto(from, { waitUntil: 'load' });
  if (!prefetch) await page.evaluate(() => document.querySelectorAll('script[type="speculationrules"]').forEach((s) => s.remove()));
  const target = page.locator(link).first();
  await target.hover();
  await page.waitForTimeout(300);
  const before = page.url();
  await target.click();
  await page.waitForURL((url) => url.toString() !== before);
  await page.waitForLoadState('load');
  return page.evaluate(firstContent);
}

/// In the page: when its first content was painted (from the navigation's start), waiting
/// for the paint entry if it has not come yet; and how the document was delivered.
async function firstContent() {
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = await new Promise((resolve) => {
    new PerformanceObserver((list) => {
      const entry = list.getEntries().find((e) => e.name === 'first-contentful-paint');
      if (entry) resolve(entry.startTime);
    }).observe({ type: 'paint', buffered: true });
    setTimeout(() => resolve(NaN), 3000);
  });
  return { fcp, response: nav.responseStart, delivery: nav.deliveryType ?? '' };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

async function main() {
  const browser = await launch();
  try {
    const context = await browser.newContext({
      baseURL: BASE_URL,
      viewport: { width: 1280, height: 900 },
      reducedMotion: process.env.REDUCED_MOTION ? 'reduce' : 'no-preference',
    });
    const page = await context.newPage();
    // A real connection's round trip (LATENCY ms, e.g. 150 for 4G or a busy shop-floor Wi-Fi);
    // on loopback the server answers in a few milliseconds and prefetching has nothing to hide.
    const latency = Number(process.env.LATENCY ?? 0);
    if (latency > 0) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency, downloadThroughput: -1, uploadThroughput: -1 });
    }
    console.log(`latency ${latency} ms, reduced motion ${process.env.REDUCED_MOTION ? 'on' : 'off'}`);
    const cases = [
      ['home → directory', '/', 'nav.main-nav a[href="/directory"]'],
      ['directory → agenda', '/directory', 'nav.main-nav a[href="/events"]'],
      ['agenda → an event', '/events', 'main a[href^="/events/"]'],
      ['home → assessment start', '/', 'nav.main-nav a[href="/assessment"]'],
    ];
    console.log(`| click → first content (median of ${RUNS}) | prefetched | not prefetched | ratio |`);
    console.log('|---|---|---|---|');
    for (const [name, from, link] of cases) {
      // A database without events (a fresh one) has no event to go to.
      await page.goto(from, { waitUntil: 'load' });
      if ((await page.locator(link).count()) === 0) {
        console.log(`| ${name} | (nothing to click here) | | |`);
        continue;
      }
      const runs = { true: [], false: [] };
      const deliveries = new Set();
      // Interleaved, so both see the same server and machine state.
      for (let i = 0; i < RUNS; i += 1) {
        for (const prefetch of [true, false]) {
          const t = await timeClick(page, from, link, prefetch);
          runs[prefetch].push(t.fcp);
          if (prefetch) deliveries.add(t.delivery || '(network)');
        }
      }
      const [w, wo] = [median(runs.true), median(runs.false)];
      console.log(`| ${name} | ${w.toFixed(0)} ms (${[...deliveries].join(', ')}) | ${wo.toFixed(0)} ms | ${(w / wo).toFixed(2)} |`);
    }
    // The questionnaire's "Next": the runner shows the next transition in the page; timed in
    // the page from the click to the frame after its heading changed. Against it, the same
    // transition loaded as a page (first content, from the navigation's start), which is
    // what "Next" cost before (a form post and its redirect cost more still).
    const questionnaire = await newAssessmentPath(context);
    const inPage = [];
    const asPage = [];
    for (let i = 0; i < RUNS; i += 1) {
      await page.goto(questionnaire, { waitUntil: 'load' });
      await page.waitForSelector('body[data-hydrated="true"]');
      inPage.push(await page.evaluate(() => new Promise((resolve) => {
        const before = document.querySelector('h1').textContent;
        const start = performance.now();
        const watch = new MutationObserver(() => {
          if (document.querySelector('h1')?.textContent !== before) {
            watch.disconnect();
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start)));
          }
        });
        watch.observe(document.body, { subtree: true, childList: true, characterData: true });
        document.querySelector('.step-actions button[type="submit"]').click();
      })));
      const next = page.url();
      await page.goto(next, { waitUntil: 'load' });
      asPage.push((await page.evaluate(firstContent)).fcp);
    }
    const [a, b] = [median(inPage), median(asPage)];
    console.log(`| questionnaire "Next" | in the page: ${a.toFixed(0)} ms | as a page load: ${b.toFixed(0)} ms | ${(a / b).toFixed(2)} |`);
    // The breadcrumbs' company name on a transition: the overview in the page (its page
    // fetched and its part put in place; overview_switch.js), timed from the click to the
    // frame after it shows, against the overview loaded as a page.
    const overviewInPage = [];
    const overviewAsPage = [];
    for (let i = 0; i < RUNS; i += 1) {
      await page.goto(questionnaire, { waitUntil: 'load' });
      await page.waitForSelector('body[data-hydrated="true"]');
      overviewInPage.push(await page.evaluate(() => new Promise((resolve) => {
        const start = performance.now();
        const watch = new MutationObserver(() => {
          const shown = document.getElementById('assessment-overview');
          if (shown && !shown.hidden && shown.querySelector('h1')) {
            watch.disconnect();
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start)));
          }
        });
        watch.observe(document.body, { subtree: true, childList: true, attributes: true });
        document.querySelector('nav.breadcrumbs a').click();
      })));
      await page.goto(page.url(), { waitUntil: 'load' });
      overviewAsPage.push((await page.evaluate(firstContent)).fcp);
    }
    const [c, d] = [median(overviewInPage), median(overviewAsPage)];
    console.log(`| transition → overview | in the page: ${c.toFixed(0)} ms | as a page load: ${d.toFixed(0)} ms | ${(c / d).toFixed(2)} |`);
    await context.close();
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
