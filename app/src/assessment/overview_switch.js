// The assessment's overview inside the questionnaire's page (issue 20). The runner
// (runner.rs) moves between the transitions in the page; for the overview it calls `show`:
// the overview's page is fetched (from the offline copy without a connection,
// offline_copy.js), its part `#assessment-overview` is put in place of the runner's island,
// its scripts and islands brought alive. A link from the overview to a transition moves in
// the page too: the address changes and the runner hears it as the back button's event.
// And the header's language switch, which names the page to come back to, names the one shown.
// A classic script, so it is defined before the module brings the runner alive.
window.sihOverview = (() => {
  const nonce = document.currentScript.nonce;
  const runner = () => document.querySelector('leptos-island[data-component^="TransitionRunner_"]');
  const box = () => document.getElementById('assessment-overview');
  // The latest move counts: an overview that arrives after the visitor moved on stays away.
  let moves = 0;

  async function show(path) {
    const move = ++moves;
    let page;
    let part;
    try {
      const response = await fetch(path, { headers: { 'x-sih-page': '1' } });
      if (!response.ok || response.redirected) throw new Error(String(response.status));
      page = new DOMParser().parseFromString(await response.text(), 'text/html');
      part = page.getElementById('assessment-overview');
      if (!part) throw new Error('no overview');
    } catch {
      // The server's page as a page load (its error page, if it has one).
      if (move === moves) location.replace(path);
      return;
    }
    if (move !== moves) return;
    document.title = page.title;
    let here = box();
    if (!here) {
      here = document.createElement('div');
      here.id = 'assessment-overview';
      runner().before(here);
    }
    here.replaceChildren(...part.childNodes);
    // Scripts put in by hand do not run: each one again, with this page's nonce.
    for (const old of here.querySelectorAll('script')) {
      const script = document.createElement('script');
      script.type = old.type;
      script.nonce = nonce;
      script.textContent = old.textContent;
      old.replaceWith(script);
    }
    runner().hidden = true;
    here.hidden = false;
    if (window.sihHydrate) window.sihHydrate(here);
    scrollTo(0, 0);
    const heading = here.querySelector('h1');
    heading.tabIndex = -1;
    heading.focus();
  }

  // Emptied too: the page then has one heading, one form of each kind, and the overview is
  // fetched again (with the progress made since) when it is shown next.
  function hide() {
    moves += 1;
    const here = box();
    if (here) {
      here.hidden = true;
      here.replaceChildren();
    }
    runner().hidden = false;
  }

  // A plain click on a link to one of the transitions, once the runner is alive.
  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('#assessment-overview a[href*="/t/"]');
    if (!link || !document.body.dataset.hydrated || !runner()) return;
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    history.pushState(null, '', link.getAttribute('href'));
    dispatchEvent(new PopStateEvent('popstate'));
  });

  // The language switch in the header returns to the address shown now, not to the one the
  // page was loaded at (a transition moved away from in the page).
  document.addEventListener('submit', (event) => {
    const next = event.target.matches('.lang-switch') && event.target.elements.next;
    if (next) next.value = location.pathname + location.search;
  });

  return { show, hide };
})();
