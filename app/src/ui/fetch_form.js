// Multipart forms (the uploads) posted with `fetch`: the page stays, so a refused post keeps
// everything that was typed, file choices included. The server answers JSON
// (`web::multipart::respond`): `{redirect}` to follow, or `{message, field}` to show. Without
// JavaScript the form posts itself and the server sends the error back in the address.
const forms = document.querySelectorAll('form[data-fetch-form]');
for (const form of forms) {
  if (form.dataset.live) continue;
  form.dataset.live = 'on';
  const texts = form.dataset;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    // A second press while the first post runs is ignored (the stylesheet dims the buttons).
    if (form.getAttribute('aria-busy')) return;
    const data = new FormData(form);
    // `new FormData(form)` leaves out the button that was pressed.
    const button = event.submitter;
    if (button && button.name) data.append(button.name, button.value);
    form.setAttribute('aria-busy', 'true');
    let failure = { message: texts.failed, field: null };
    try {
      const response = await fetch(form.getAttribute('action'), {
        method: 'POST',
        body: data,
        headers: { Accept: 'application/json' },
      });
      const text = await response.text();
      if (response.ok) {
        const next = JSON.parse(text).redirect;
        if (typeof next === 'string') {
          form.removeAttribute('aria-busy');
          location.href = next;
          return;
        }
      } else if (response.status === 413) {
        // Refused for its size before the handler saw it: the message is the page's own.
        failure = { message: texts.tooLarge, field: texts.fileField };
      } else {
        const told = JSON.parse(text);
        if (typeof told.message === 'string') failure = { message: told.message, field: told.field };
      }
    } catch {
      // No connection, or an answer that is not the handler's: the general message stays.
    }
    form.removeAttribute('aria-busy');
    showFailure(form, failure);
  });
}

// The message above the form, and again right below the field it is about (where the eye and
// the focus are: the one above may be a long way up); that field alone marked invalid; focus
// on it, or on the message when it names none.
function showFailure(form, { message, field }) {
  const slot = form.querySelector('#form-alert');
  const alert = document.createElement('div');
  alert.className = 'alert alert-error';
  alert.setAttribute('role', 'alert');
  alert.textContent = message;
  slot.replaceChildren(alert);
  // A notice from an earlier success ("draft saved") would contradict the error.
  for (const flash of document.querySelectorAll('[data-flash]')) flash.hidden = true;
  for (const note of form.querySelectorAll('.field-error-inline')) note.remove();
  for (const marked of form.querySelectorAll('[aria-invalid]')) marked.removeAttribute('aria-invalid');
  const input = field ? document.getElementById(`field-${field}`) : null;
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    const note = document.createElement('p');
    note.className = 'field-error field-error-inline';
    note.id = `${input.id}-error`;
    note.textContent = message;
    input.insertAdjacentElement('afterend', note);
    const described = (input.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    if (!described.includes(note.id)) input.setAttribute('aria-describedby', [...described, note.id].join(' '));
  }
  const target = input || slot;
  // Centred, so the field's label and the message above it stay in sight.
  target.scrollIntoView({ block: 'center' });
  target.focus();
}
