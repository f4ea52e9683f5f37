// Live results: the results page follows the server-sent events of its conversation, which say
// when a newer opinion map is cached (its version, nothing else), and offers to show it.
//
// A button, not an automatic swap: the results are long (a map, tables, lists) and change every
// few seconds while people vote. Replacing them by themselves would pull the text from under a
// screen reader's reading position or a magnifier's view, and move content nobody asked to move
// (WCAG 2.2.2 and 3.2.5). So a polite status says newer results are available and a button shows
// them; only then is the content replaced in place, the scroll position kept, focus put on the
// new summary (where the change starts: the person asked for it) and "Results updated" announced.
//
// Without this script, or when the stream is refused, the page works as before: a reload shows
// the latest results.
document.addEventListener('DOMContentLoaded', () => {
  const bar = document.querySelector('[data-live-results]');
  if (!(bar instanceof HTMLElement) || !window.EventSource || !window.fetch || !window.DOMParser)
    return;
  const status = bar.querySelector('.live-status');
  const button = bar.querySelector('button');
  const shown = () => Number(document.getElementById('results-content')?.dataset.version || 0);
  let latest = shown();
  let busy = false;

  function offer() {
    if (latest <= shown() || !button.hidden) return;
    button.hidden = false;
    status.textContent = bar.dataset.available;
  }

  const source = new EventSource(bar.dataset.events);
  source.addEventListener('map', (event) => {
    let version;
    try {
      version = Number(JSON.parse(event.data).version);
    } catch {
      return;
    }
    if (!(version > latest)) return;
    latest = version;
    offer();
  });

  button.addEventListener('click', async () => {
    if (busy) return;
    busy = true;
    try {
      const response = await fetch(window.location.href, {
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { accept: 'text/html' },
      });
      if (!response.ok) return;
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const fresh = page.getElementById('results-content');
      const current = document.getElementById('results-content');
      if (!fresh || !current) return;
      const { scrollX, scrollY } = window;
      current.replaceWith(document.adoptNode(fresh));
      window.scrollTo(scrollX, scrollY);
      // Focus leaves the button before it hides, for the summary of what was just asked for.
      document.getElementById('results-summary')?.focus({ preventScroll: true });
      button.hidden = true;
      status.textContent = bar.dataset.updated;
      latest = Math.max(latest, shown());
      offer();
    } catch {
      // The button stays for another try; a reload works as ever.
    } finally {
      busy = false;
    }
  });
});
