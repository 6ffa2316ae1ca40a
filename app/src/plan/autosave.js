// The plan's step forms save as they change (a select picked, a text field left), like the
// questionnaire. Without script, or when a save is refused, the form's own button posts it
// the plain way, which names what to correct and keeps what was typed.
for (const form of document.querySelectorAll('form[data-autosave]')) {
  if (form.dataset.live) continue;
  form.dataset.live = 'on';
  const status = form.querySelector('[data-save-status]');
  let busy = false;
  let again = false;
  const show = (text) => { if (status) status.textContent = text; };
  const save = async () => {
    if (busy) { again = true; return; }
    if (!form.checkValidity()) { show(form.dataset.failed); return; }
    busy = true;
    show(form.dataset.saving);
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        body: new URLSearchParams(new FormData(form)),
        // JSON: a refusal comes back as an error status instead of a redirect to the page.
        headers: { Accept: 'application/json' },
        redirect: 'manual',
        credentials: 'same-origin',
      });
      const ok = response.ok || response.type === 'opaqueredirect';
      show(ok ? form.dataset.saved : form.dataset.failed);
    } catch {
      show(form.dataset.failed);
    }
    busy = false;
    if (again) { again = false; save(); }
  };
  form.addEventListener('change', save);
}
