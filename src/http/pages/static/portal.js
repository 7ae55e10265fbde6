// The customer's private page: a form is sent once (a second click does nothing), and the page
// refreshes its parts in place when the file changes — a payment confirmed, a reply from the
// school — told by the server's event stream (no polling). The reply box is never replaced.
const main = document.querySelector('[data-portal]');

// Delegated: the forms of refreshed parts are new elements.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.matches('[data-once]')) return;
  if (form.dataset.sent === '1') {
    event.preventDefault();
    return;
  }
  form.dataset.sent = '1';
  const button = form.querySelector('button[type="submit"]');
  if (button) {
    button.setAttribute('aria-disabled', 'true');
    if (form.dataset.sending) button.textContent = form.dataset.sending;
  }
});

async function refresh() {
  const response = await fetch(window.location.href, { cache: 'no-store', credentials: 'omit' });
  if (!response.ok) return;
  const next = new DOMParser().parseFromString(await response.text(), 'text/html');
  for (const part of document.querySelectorAll('[data-part]')) {
    const fresh = next.querySelector(`[data-part="${part.dataset.part}"]`);
    if (fresh && fresh.innerHTML !== part.innerHTML) part.innerHTML = fresh.innerHTML;
  }
  main.dataset.refreshed = String(Number(main.dataset.refreshed ?? '0') + 1);
}

if (main?.dataset.live && 'EventSource' in window) {
  const stream = new EventSource(main.dataset.live);
  let running = Promise.resolve();
  stream.addEventListener('changed', () => {
    running = running.then(refresh).catch(() => {});
  });
  stream.addEventListener('ready', () => {
    main.setAttribute('data-live-ready', '1');
  });
  window.addEventListener('pagehide', () => stream.close());
}
