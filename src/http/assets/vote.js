// Votes without a page reload: the vote form is sent with fetch (JSON, CSRF token in a header) and
// the next statement replaces the current one. Without this script the same form posts and the
// page reloads, so nothing depends on it; on any failure it falls back to that plain post.
document.addEventListener('DOMContentLoaded', () => {
  const form = document.querySelector('form[data-vote-form]');
  if (!(form instanceof HTMLFormElement)) return;
  const status = document.querySelector('.vote-status');
  const text = document.getElementById('statement-text');
  const number = form.querySelector('input[name="statement"]');
  const csrf = form.querySelector('input[name="_csrf"]');
  let busy = false;

  function postPlainly(vote) {
    const field = document.createElement('input');
    field.type = 'hidden';
    field.name = 'vote';
    field.value = vote;
    form.append(field);
    form.submit();
  }

  function showDone() {
    const done = document.createElement('p');
    done.textContent = status.dataset.done;
    form.replaceWith(done);
  }

  form.addEventListener('submit', async (event) => {
    const button = event.submitter;
    if (!(button instanceof HTMLButtonElement) || !window.fetch) return;
    event.preventDefault();
    if (busy) return;
    busy = true;
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'x-csrf-token': csrf.value,
        },
        body: JSON.stringify({ statement: Number(number.value), vote: button.value }),
      });
      if (!response.ok) return postPlainly(button.value);
      const { next } = await response.json();
      if (!next) return showDone();
      number.value = String(next.number);
      text.textContent = next.body;
      status.textContent = status.dataset.saved;
    } catch {
      status.textContent = status.dataset.failed;
    } finally {
      busy = false;
    }
  });
});
