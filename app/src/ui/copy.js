// The "copy link" buttons: copies the button's `data-copy` text and says so in the status
// beside it. When the browser refuses (no permission, an insecure origin), the field named by
// `data-field` is selected so the person can copy it with the keyboard, and told to.
for (const button of document.querySelectorAll('button[data-copy]')) {
  if (button.dataset.live) continue;
  button.dataset.live = 'on';
  button.addEventListener('click', async () => {
    const status = button.nextElementSibling;
    try {
      await navigator.clipboard.writeText(button.dataset.copy);
      status.textContent = button.dataset.done;
    } catch {
      const field = document.getElementById(button.dataset.field);
      if (field) {
        field.focus();
        field.select();
      }
      status.textContent = button.dataset.failed;
    }
  });
}
