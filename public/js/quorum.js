/* global document, Element, navigator, setTimeout */
// Progressive enhancement only: every page works without this file. The CSP allows scripts from the portal alone.
// A button with data-copy="#field" copies that field's text (a calendar address) and says so for a moment.
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button[data-copy]') : null;
  if (!button) return;
  const field = document.querySelector(button.getAttribute('data-copy'));
  if (!field || !navigator.clipboard) return;
  const label = button.textContent;
  navigator.clipboard.writeText(field.value ?? field.textContent ?? '').then(
    () => {
      button.textContent = button.getAttribute('data-copied') || label;
      setTimeout(() => (button.textContent = label), 2000);
    },
    () => field.select?.(),
  );
});
