// Applies a filter form's choice (a select, a checkbox) the moment it changes: the page for the
// new query is fetched, the results element is replaced by the same element of that page, and
// the address bar shows the new query. Focus stays where it was, so keyboard users go on
// through the options; a `role="status"` count inside the results announces the change. Text
// fields apply with Enter or the button, as without JavaScript (then the form is a plain GET).
for (const box of document.querySelectorAll('.live-filter[data-results]')) {
  if (box.dataset.live) continue;
  box.dataset.live = 'on';
  let latest = 0;
  box.addEventListener('change', async (ev) => {
    const t = ev.target;
    const choice =
      t.tagName === 'SELECT' || (t.tagName === 'INPUT' && (t.type === 'checkbox' || t.type === 'radio'));
    const form = choice && t.closest('form');
    if (!form) return;
    const query = new URLSearchParams(new FormData(form)).toString();
    const url = `${form.getAttribute('action') || location.pathname}?${query}`;
    // Only the newest request may fill the page: an older answer arriving late is dropped.
    const seq = ++latest;
    try {
      const res = await fetch(url, { headers: { Accept: 'text/html' } });
      if (!res.ok) return;
      const html = await res.text();
      if (seq !== latest) return;
      const id = box.dataset.results;
      const fresh = new DOMParser().parseFromString(html, 'text/html').getElementById(id);
      const current = document.getElementById(id);
      if (fresh && current) {
        current.innerHTML = fresh.innerHTML;
        history.replaceState(null, '', url);
      }
    } catch {
      // Offline or the server unreachable: the form's button still applies the filter.
    }
  });
}
