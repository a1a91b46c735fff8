// The console's only script (served by the app; the pages' CSP allows no inline script).
// A run's page: polls the run's progress every second and reloads once the run has ended,
// so the page then shows its report.
(function () {
  'use strict';
  const panel = document.getElementById('progress-panel');
  if (!panel) {
    return;
  }
  const bar = document.getElementById('progress-bar');
  const text = document.getElementById('progress-text');
  const url = panel.dataset.progressUrl;
  function poll() {
    fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      })
      .then(function (progress) {
        bar.value = progress.percent;
        bar.textContent = progress.percent + '%';
        text.textContent = progress.text;
        if (progress.status !== 'running') {
          window.location.reload();
        } else {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function (error) {
        text.textContent = 'progress unavailable (' + error.message + '); retrying';
        window.setTimeout(poll, 3000);
      });
  }
  window.setTimeout(poll, 500);
})();
