// The "print" buttons: open the browser's print dialog.
for (const button of document.querySelectorAll('button[data-print]')) {
  if (button.dataset.live) continue;
  button.dataset.live = 'on';
  button.addEventListener('click', () => window.print());
}
