// The editor: the place, years and replications, and every scenario's card
// (the baseline's instruments, or a scenario's name, instruments and
// conditions) with the lists that add to it. A user action is a named action
// on the scenario set (www/src/actions.js) that the store does and announces
// (`act`: it runs; `edit`: an addition at its defaults waits for "Kör");
// then the editor is built again from the store (`rebuildEditor`, which this
// module answers). The place, instrument and condition editors are their
// own modules.
import { MAX_SCENARIOS, MAX_INSTRUMENTS, MAX_CONDITIONS, MAX_NAME, YEARS, REPLICATIONS, nameProblem } from './state.js';
import { INSTRUMENT_LABELS, DRIVER_LABELS } from './i18n.js';
import { PALETTE, act, baseScenario, baselineChanged, dataYear, edit, lastYear, rebuildEditor, scenarioName, store, subscribe, t } from './store.js';
import * as actions from './actions.js';
import { $, accept, cardOf, el, focusFirstField, markStale, onChoice, refuse } from './dom.js';
import { valueWords } from './messages.js';
import { rule } from './inputs.js';
import { numberField } from './field.js';
import { ENOUGH_REPLICATIONS } from './headline.js';
import { driverLabel, instrumentLabel, instrumentName, sizeText } from './labels.js';
import { placeForm, placeSummary } from './place-editor.js';
import { addOnTop, baseChoice, instrumentEditor } from './instrument-editor.js';
import { conditionEditor } from './condition-editor.js';

/** Builds the editor from the store: place, years, replications and every scenario's card. */
export function buildControls() {
  const box = $('#controls');
  // The editor's heading, for screen readers' outline (the place's fit and each instrument are h3 under it).
  box.replaceChildren(el('h2', { class: 'visually-hidden', text: t().aria.scenario }));
  const select = el('select', { id: 'preset' });
  onChoice(select, (value) => {
    act(actions.choosePlace, value);
    rebuildEditor();
    $('#preset').focus();
  });
  for (const p of store.catalogue.presets) select.append(el('option', { value: p.id, text: p.name, selected: p.id === store.state.preset }));
  select.append(el('option', { value: 'custom', text: t().customPlace, selected: store.state.preset === 'custom' }));
  box.append(el('label', { for: 'preset' }, el('span', { text: t().municipality }), select));
  if (store.state.preset === 'custom') box.append(placeForm());
  box.append(placeSummary());
  box.append(numberField(t().years, store.state.years, rule(YEARS.min, YEARS.max, { whole: true }), (v) => { act(actions.setYears, v); rebuildEditor(); }, { id: 'years', more: (v) => startsAfter(dataYear() + v - 1) }));
  box.append(numberField(t().replications, store.state.replications, rule(REPLICATIONS.min, REPLICATIONS.max, { whole: true }), (v) => { act(actions.setReplications, v); rebuildEditor(); }, { id: 'replications' }));
  if (store.state.replications < ENOUGH_REPLICATIONS) box.append(el('p', { class: 'warning', text: t().fewReplications(store.state.replications, ENOUGH_REPLICATIONS) }));
  store.state.scenarios.forEach((s, i) => box.append(scenarioCard(s, i)));
  if (store.state.scenarios.length < MAX_SCENARIOS) {
    box.append(el('button', { id: 'add-scenario', type: 'button', text: t().addScenario, onclick: () => {
      edit(actions.addScenario);
      rebuildEditor();
      focusFirstField(cardOf(store.state.scenarios.length - 1));
    } }));
  }
  markStale();
}

/**
 * Why the projection cannot end in `last`: the first instrument or change
 * of conditions that would start after it ('' if none), so that years ahead
 * never leave one outside the run.
 */
export function startsAfter(last) {
  for (const [i, s] of store.state.scenarios.entries()) {
    for (const inst of s.instruments) if (inst.start > last) return t().startsAfter(`${instrumentLabel(inst.kind)} (${scenarioName(i)})`, inst.start, last);
    for (const c of s.conditions ?? []) if (c.from > last) return t().startsAfter(`${driverLabel(c.driver)} (${scenarioName(i)})`, c.from, last);
  }
  return '';
}

/** The card of scenario `i`: the baseline's instruments, or a scenario's name, instruments and conditions. */
export function scenarioCard(s, i) {
  const colour = PALETTE[i % PALETTE.length];
  const card = el('fieldset', { class: 'scenario', style: `border-color:${colour}`, 'data-index': i });
  if (i === 0) {
    card.append(el('legend', { text: scenarioName(0) }));
    const base = baseScenario();
    const notes = store.state.preset === 'custom' ? [] : store.presetNotes[store.state.preset] ?? [];
    const list = el('ul', { class: 'preset-instruments' });
    base.instruments.forEach((inst, k) => {
      const size = sizeText(inst);
      list.append(el('li', { 'data-kind': inst.kind }, el('strong', { text: instrumentName(inst, base.instruments) }), size ? el('span', { class: 'size', text: `: ${size}` }) : null,
        notes[k] ? sourceNote(notes[k]) : null));
    });
    if (store.state.preset === 'custom') list.append(el('li', { class: 'fine', text: t().nationalMix }));
    card.append(list);
    card.append(el('p', { class: 'fine', text: t().recordedGoOn(dataYear()) }));
    if (baselineChanged()) {
      // A link may change the baseline itself: shown, editable and removable, never hidden.
      card.append(el('p', { class: 'warning', id: 'changed-baseline', text: t().changedBaselineNote }));
      s.instruments.forEach((_, j) => card.append(instrumentEditor(i, j)));
      (s.conditions ?? []).forEach((_, k) => card.append(conditionEditor(i, k)));
    }
    return card;
  }
  const name = el('input', { type: 'text', value: s.name, maxlength: MAX_NAME, 'aria-label': t().scenarioName, onchange: (e) => {
    // Control and text-direction characters would reorder what the page shows around the name.
    if (nameProblem(e.target.value)) { refuse(e.target, `${t().scenarioName} = ${valueWords(e.target.value)}: ${t().msg.hidden}`); return; }
    accept(e.target);
    act(actions.renameScenario, i, e.target.value);
  } });
  card.append(el('legend', {}, name));
  s.instruments.forEach((_, j) => card.append(instrumentEditor(i, j)));
  if (s.instruments.length < MAX_INSTRUMENTS) {
    card.append(addPicker('add-instrument', t().addInstrument, store.catalogue.instruments.map((d) => d.kind), INSTRUMENT_LABELS, (kind) => {
      // The baseline has one already: ask whether to change its level or add on top.
      if (baseScenario().instruments.some((b) => b.kind === kind)) { store.choosing = { scenario: i, kind }; return false; }
      addOnTop(i, kind);
      return true;
    }, () => [...(cardOf(i)?.querySelectorAll('.instrument') ?? [])].at(-1)));
    if (store.choosing?.scenario === i) card.append(baseChoice(i, store.choosing.kind));
  }
  const conditions = s.conditions ?? [];
  conditions.forEach((_, k) => card.append(conditionEditor(i, k)));
  if (conditions.length < MAX_CONDITIONS) {
    card.append(addPicker('add-condition', t().addCondition, store.catalogue.drivers.map((d) => d.name), DRIVER_LABELS, (driver) => {
      edit(actions.addCondition, i, driver, Math.min(dataYear() + 1, lastYear()));
      return true;
    }, () => [...(cardOf(i)?.querySelectorAll('.condition') ?? [])].at(-1)));
  }
  card.append(el('button', { type: 'button', class: 'remove', text: t().removeScenario, onclick: () => { act(actions.removeScenario, i); rebuildEditor(); } }));
  return card;
}

/**
 * Where a baseline instrument comes from: the comment above it in the
 * preset's scenario file, which is English — the Swedish page says so and
 * marks it as English for screen readers.
 */
function sourceNote(note) {
  const file = `scenarios/${store.state.preset}.toml`;
  return el('details', { class: 'source' }, el('summary', { text: t().source }), el('p', { class: 'fine', text: t().sourceInFile(file) }), el('p', { lang: 'en', text: note }));
}

/**
 * A list to add one of `names` (shown with their `labels` in the page's
 * language) to a scenario, and an explicit "Lägg till" button: choosing in
 * the list (with arrow keys too) does nothing by itself. `add(name)` adds
 * it; the controls are rebuilt and focus moves to the first field of what
 * was added (`added()` finds it).
 */
export function addPicker(cls, label, names, labels, add, added) {
  const pick = el('select', { class: cls, 'aria-label': label });
  pick.append(el('option', { value: '', text: `${label}…` }));
  for (const name of names) pick.append(el('option', { value: name, text: labels[store.state.lang][name] ?? name }));
  const button = el('button', { type: 'button', class: `${cls}-button`, text: t().add, 'aria-label': `${t().add}: ${label}`, onclick: () => {
    if (!pick.value) { pick.focus(); return; }
    const done = add(pick.value);
    rebuildEditor();
    // Added: its first field; not yet (a question to answer first): the question.
    focusFirstField(done ? added() : document.querySelector('.base-choice'));
  } });
  return el('div', { class: 'add-picker' }, pick, button);
}

subscribe('editor', buildControls);
// A run starts from the set as it is: the mark goes (or stays, for a refused field).
subscribe('run', markStale);
