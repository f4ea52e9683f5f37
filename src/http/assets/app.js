// Small enhancements only: every page works without this script.
// After a failed submit, move focus to the error summary so keyboard and screen-reader users
// land on the list of problems.
document.addEventListener('DOMContentLoaded', () => {
  const summary = document.querySelector('.error-summary');
  if (summary instanceof HTMLElement) summary.focus();
});
