// The data page's filter form leaves empty fields out of the query: the API refuses empty
// values rather than ignore them. (A file, not an inline handler: the pages' CSP allows no
// inline script.)
(function () {
  'use strict';
  const form = document.getElementById('filters');
  if (!form) {
    return;
  }
  form.addEventListener('submit', function () {
    for (const field of form.elements) {
      if (field.name && field.value === '') {
        field.disabled = true;
      }
    }
  });
})();
