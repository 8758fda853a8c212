// Small DOM helpers shared by the page's modules: building elements (text
// only, never HTML), the page's message box, field refusals and focus.
import { cut } from './format.js';
import { notRun, store, t } from './store.js';

/** The first element matching `sel`. */
export const $ = (sel) => document.querySelector(sel);

/** An element with attributes (`text` sets its text, `on…` adds a listener) and children; never HTML. */
export const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c) e.append(c);
  return e;
};

/** Characters of a technical detail shown under a message before it is cut. */
export const DETAIL_CHARS = 600;

/**
 * Shows `message` (in the page's language) in the page's message box
 * (empty: hides it), with `detail` — the model's or the check's own
 * message, in English — folded under "Tekniska detaljer".
 */
export function showError(message, detail = '') {
  const box = $('#error');
  box.replaceChildren();
  if (message) box.append(el('p', { text: message }));
  if (message && detail && detail !== message) {
    box.append(el('details', { class: 'technical' }, el('summary', { text: t().technical }), el('p', { lang: 'en', text: cut(store.state.lang, detail, DETAIL_CHARS) })));
  }
  box.hidden = !message;
}

/**
 * Marks `input` as refused, with `message` beside it (announced to screen
 * readers); the scenario keeps its last good value, and the results are
 * marked as the previous run's until the field is corrected (`markStale`).
 */
export function refuse(input, message) {
  input.setAttribute('aria-invalid', 'true');
  const holder = input.closest('label') ?? input;
  let note = holder.nextElementSibling?.classList.contains('field-error') ? holder.nextElementSibling : null;
  if (!note) {
    note = el('p', { class: 'field-error', id: `err-${input.id || ++store.runId}`, role: 'alert' });
    holder.after(note);
  }
  note.textContent = message;
  input.setAttribute('aria-describedby', note.id);
  markStale();
}

/** Clears a refusal of `input` (its value was accepted). */
export function accept(input) {
  input.removeAttribute('aria-invalid');
  input.removeAttribute('aria-describedby');
  const holder = input.closest('label') ?? input;
  if (holder.nextElementSibling?.classList.contains('field-error')) holder.nextElementSibling.remove();
  markStale();
}

/**
 * Marks the results shown as not those of the scenario set: while a field
 * holds a refused value they are the previous run's, and after an addition
 * that waits for "Kör" they are not run yet ("Inte körd — tryck Kör"). Both
 * grey the results and say so above them.
 */
export function markStale() {
  const refused = document.querySelector('#controls [aria-invalid="true"]') !== null;
  const waiting = !refused && notRun();
  document.body.classList.toggle('stale', refused || waiting);
  $('#stale').hidden = !(refused || waiting);
  $('#stale').textContent = refused ? t().stale : waiting ? t().notRun : '';
}

/**
 * Calls `act(value)` when the choice in list `select` is made: at once with
 * the mouse (or a touch), but from the keyboard only on Enter or when focus
 * leaves — arrow keys alone only move through the options, so that a
 * keyboard user does not start a run at every step.
 */
export function onChoice(select, act) {
  // What is chosen now: read once the caller has added the options.
  let committed = null;
  queueMicrotask(() => { committed = select.value; });
  let keyed = false;
  const commit = () => {
    keyed = false;
    if (select.value !== committed) { committed = select.value; act(select.value); }
  };
  select.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') { e.preventDefault(); commit(); } else if (e.key.startsWith('Arrow') || e.key === 'Home' || e.key === 'End' || e.key.length === 1) keyed = true;
  });
  select.addEventListener('change', () => { if (!keyed) commit(); });
  select.addEventListener('blur', commit);
  return select;
}

/** Moves focus to the first field of `box` (what was just added), or to `box` itself. */
export function focusFirstField(box) {
  if (!box) return;
  const field = box.querySelector('input, select, textarea, button');
  (field ?? box).focus();
}

/** The card of scenario `i` in the controls. */
export const cardOf = (i) => document.querySelector(`fieldset.scenario[data-index="${i}"]`);
