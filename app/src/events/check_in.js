// Narrows the check-in list to the people whose name, organisation or e-mail address holds
// what is typed; each row carries its lower-cased text in `data-search`.
const input = document.getElementById('check-in-filter');
if (input && !input.dataset.live) {
  input.dataset.live = 'on';
  input.addEventListener('input', () => {
    const wanted = input.value.toLowerCase();
    for (const row of document.querySelectorAll('.check-in-list > li')) {
      row.hidden = wanted !== '' && !(row.dataset.search || '').includes(wanted);
    }
  });
}
