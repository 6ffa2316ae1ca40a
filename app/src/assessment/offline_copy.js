// The offline copy of an assessment (issue 20): a service worker for the pages under
// /assessment/. Answers given without a connection already wait in the browser's storage
// (answer_queue.rs); this worker keeps the questionnaire's pages and the files they run on, so
// that reloading such a page without a connection still shows it, with those answers, and the
// page sends them once the connection is back.
//
// - Pages come from the server whenever it can be reached (network first): a copy is shown
//   only when the network fails, never in place of an answer from the server.
// - Only the overview and the transition pages are copied, and only of one assessment, the one
//   opened last: a consultant's laptop does not collect other companies' answers.
// - After answers are saved, the copy of the page they were given on is fetched again (once
//   the saves pause). An answer stored after the copy was asked for, which the copy may lack,
//   the page itself remembers and shows on top of the copy (answer_sender.rs).
// - The transitions share one copy, the page fetched last: it carries the whole questionnaire
//   with every answer, and the runner shows the transition the address names (runner.rs), also
//   one it moved to within the page, which was never fetched. Before any transition was
//   fetched as a page, the overview's copy stands in: its runner carries them all too.
// - Logging out forgets the copies.
//
// The server writes `FILES` (the build's JS, WASM, CSS and icon) and `VERSION` (which changes
// with them) in front of this file, so a new build replaces the worker and its copies.

const PAGES = `sih-pages-${VERSION}`;
const KEPT_FILES = `sih-files-${VERSION}`;
// `/assessment/<reference>` and `/assessment/<reference>/t/<transition>`.
const KEPT = /^\/assessment\/[^/]+(\/t\/[^/]+)?$/;
// The assessment a kept page or a copy's key (`/assessment/<reference>/t/`) belongs to.
const referenceOf = (path) => (path.match(/^\/assessment\/([^/]+)/) || [])[1];
const SAVES = /^\/api\/assessment\/save_/;
// Saves come one per answer: the page is fetched again once they pause.
const REFRESH_AFTER_MS = 1500;

self.addEventListener('install', (event) => {
  // Registered once the page is alive, so these come from the browser's HTTP cache.
  event.waitUntil(
    caches
      .open(KEPT_FILES)
      .then((cache) => cache.addAll(FILES))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name !== PAGES && name !== KEPT_FILES) await caches.delete(name);
      }
      await self.clients.claim();
      // The page that registered the worker was loaded before it: copy it now.
      for (const client of await self.clients.matchAll({ type: 'window' })) {
        await refresh(new URL(client.url).pathname);
      }
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST') {
    // Neither is answered here: the page's own request goes to the server as it is.
    if (url.pathname === '/api/logout') event.waitUntil(caches.delete(PAGES));
    if (SAVES.test(url.pathname) && request.referrer) {
      event.waitUntil(refreshLater(new URL(request.referrer).pathname));
    }
    return;
  }
  if (request.method !== 'GET') return;
  if (FILES.includes(url.pathname)) {
    event.respondWith(caches.match(request).then((kept) => kept || fetch(request)));
  } else if ((request.mode === 'navigate' || request.headers.has('x-sih-page')) && KEPT.test(url.pathname)) {
    // A page load, or the runner fetching the overview's page (overview_switch.js).
    event.respondWith(page(event, url.pathname));
  }
});

// The server's page, copied; the copy only when the server cannot be reached.
async function page(event, path) {
  const asked = Date.now();
  let response;
  try {
    response = await fetch(event.request);
  } catch (offline) {
    const copy = await copyOf(path);
    if (copy) return copy;
    throw offline;
  }
  if (response.ok) event.waitUntil(keep(path, response.clone(), asked));
  else if (response.status === 404 || response.status === 403) event.waitUntil(forget(path));
  return response;
}

// One copy of the overview and one of the transitions (the latest page fetched of any of them,
// so never an older state than another copy): each transition page carries the whole
// questionnaire with every answer, and the runner shows the transition its address names.
function copyKey(path) {
  return path.includes('/t/') ? `/assessment/${referenceOf(path)}/t/` : path;
}

// The copy, marked as one made at the moment it was asked for: the page then shows the
// answers the server stored after that moment on top of it (answer_sender.rs keeps them).
async function copyOf(path) {
  const cache = await caches.open(PAGES);
  let copy = await cache.match(copyKey(path));
  // A transition never fetched as a page (the runner moved there from the overview's page):
  // the overview's copy carries the whole questionnaire too, for its runner, which shows the
  // transition the address names. Not where it has no runner (conditional questions).
  const instead = !copy && path.includes('/t/');
  if (instead) copy = await cache.match(`/assessment/${referenceOf(path)}`);
  if (!copy) return undefined;
  let html = await copy.text();
  if (instead && !html.includes('id="runner-sheet"')) return undefined;
  const asked = Number(copy.headers.get('x-sih-asked-at')) || 0;
  html = html.replace('<body', `<body data-offline-copy="${asked}"`);
  return new Response(html, { status: copy.status, statusText: copy.statusText, headers: plain(copy.headers) });
}

async function keep(path, response, asked) {
  const reference = referenceOf(path);
  if (!KEPT.test(path)) return;
  const cache = await caches.open(PAGES);
  for (const request of await cache.keys()) {
    if (referenceOf(new URL(request.url).pathname) !== reference) await cache.delete(request);
  }
  const headers = plain(response.headers);
  headers.set('x-sih-asked-at', String(asked));
  const copy = new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers });
  await cache.put(copyKey(path), copy);
}

// A copy's headers without those of the bytes on the wire: its body is the decoded page.
function plain(headers) {
  const copy = new Headers(headers);
  copy.delete('content-length');
  copy.delete('content-encoding');
  return copy;
}

async function forget(path) {
  const cache = await caches.open(PAGES);
  await cache.delete(copyKey(path));
}

// Fetches the page at `path` again and keeps it, if it is one to keep and the server answers.
async function refresh(path) {
  if (!KEPT.test(path)) return;
  const asked = Date.now();
  try {
    const response = await fetch(path, { credentials: 'same-origin', redirect: 'follow' });
    if (response.ok && !response.redirected) await keep(path, response, asked);
  } catch (offline) {
    // No connection: the copy there is stays.
  }
}

const pending = new Map();

// One refresh per page once its saves pause; the promise keeps the worker alive until then.
function refreshLater(path) {
  const waiting = pending.get(path);
  if (waiting) clearTimeout(waiting.timer);
  const entry = waiting || {};
  entry.done =
    entry.done ||
    new Promise((resolve) => {
      entry.resolve = resolve;
    });
  entry.timer = setTimeout(() => {
    pending.delete(path);
    refresh(path).then(entry.resolve);
  }, REFRESH_AFTER_MS);
  pending.set(path, entry);
  return entry.done;
}
