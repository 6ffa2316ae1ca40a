// Loads the WASM module only on a page that has an island, then brings each island alive.
//
// Leptos's own loader (`HydrationScripts`) preloads and runs the module on every page. Most
// pages here (home, directory, agenda, log-in) have no island at all, so they would download
// ~110 KB for nothing. The island walk below follows Leptos 0.8's `island_script.js` so that
// islands with server-rendered children hydrate the same way.
((jsUrl, wasmUrl) => {
  const body = document.body;
  if (!document.querySelector('leptos-island')) {
    // Nothing to bring alive: the page is complete as the server sent it.
    body.dataset.hydrated = 'true';
    return;
  }
  const childrenCallbacks = [];
  async function hydrateIsland(el, mod) {
    const island = mod[el.dataset.component];
    if (!island) {
      console.warn(`No WASM function for the island ${el.dataset.component}.`);
      return;
    }
    const children = childrenCallbacks[childrenCallbacks.length - 1];
    if (children) children();
    const result = island(el);
    if (result && result.then) await result;
  }
  async function walk(node, mod) {
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const tag = node.tagName.toLowerCase();
    if (tag === 'leptos-island') {
      await hydrateIsland(node, mod);
      for (const child of node.children) await walk(child, mod);
    } else if (tag === 'leptos-children') {
      childrenCallbacks.push(node.$$on_hydrate);
      for (const child of node.children) await walk(child, mod);
      childrenCallbacks.pop();
    } else {
      for (const child of node.children) await walk(child, mod);
    }
  }
  // The assessment's pages keep an offline copy (`offline_copy.js`). Its worker is registered
  // once the page is alive, so the files it keeps come from the browser's cache.
  const keepOfflineCopy = () => {
    if (location.pathname.startsWith('/assessment/') && 'serviceWorker' in navigator) {
      navigator.serviceWorker.register('/sw.js', { scope: '/assessment/' }).catch(() => {});
    }
  };
  const start = () =>
    import(jsUrl).then((mod) =>
      mod.default({ module_or_path: wasmUrl }).then(() => {
        mod.hydrate();
        // Islands that arrive later, in a part of another page put into this one
        // (assessment/overview_switch.js).
        window.sihHydrate = (root) => walk(root, mod);
        return walk(body, mod).then(keepOfflineCopy);
      }),
    );
  if ('requestIdleCallback' in window) window.requestIdleCallback(start);
  else start();
})
