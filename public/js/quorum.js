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

// A role form (data-scope-role) shows only the objects its role is scoped to in the scope list (data-scope-list):
// a table role lists tables, a commune role communes; the administration's role none.
function fitScopeList(roleSelect) {
  const list = roleSelect.form?.querySelector('select[data-scope-list]');
  if (!list) return;
  const type = roleSelect.selectedOptions[0]?.getAttribute('data-scope-type');
  for (const group of list.querySelectorAll('optgroup')) {
    const match = group.getAttribute('data-scope-type') === type;
    group.hidden = !match;
    group.disabled = !match;
  }
  const none = list.querySelector('option[value=""]');
  if (none) none.hidden = none.disabled = type !== 'platform';
  const chosen = list.selectedOptions[0];
  if (!chosen || chosen.disabled || chosen.parentElement?.disabled) {
    const first = [...list.options].find((o) => !o.disabled && !o.parentElement?.disabled);
    if (first) list.value = first.value;
  }
}
for (const select of document.querySelectorAll('select[data-scope-role]')) {
  fitScopeList(select);
  select.addEventListener('change', () => fitScopeList(select));
}
