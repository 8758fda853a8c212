// One instrument in the editor: its years, a control per row of its
// settings table (a number field with the row's range and unit, a checkbox
// or a list of choices), how it meets the baseline's own of its kind
// ("change its level or add on top"), and its help texts and sources.
import { settingsOf, defaultOf, checkSetting } from './state.js';
import { plain, parseNumber } from './format.js';
import { act, baseScenario, dataYear, edit, rebuildEditor, store, t } from './store.js';
import * as actions from './actions.js';
import { accept, cardOf, el, focusFirstField, numberInput, onChoice, refuse } from './dom.js';
import { allowedText, instrumentLabel, instrumentName, optionLabel, settingText, shownAs, sizeText } from './labels.js';
import { sizeWarning } from './size-warnings.js';

/** Adds an instrument of `kind` to scenario `i` from next year, at its defaults, on top of the baseline's. */
export function addOnTop(i, kind) {
  // A choice the model requires is written out with its first option.
  const settings = {};
  for (const row of settingsOf(store.catalogue, kind)) if (row.type === 'choice' && row.default === null) settings[row.name] = row.options[0];
  edit(actions.addInstrument, i, { kind, start: dataYear() + 1, end: null, settings });
}

/** Whether baseline instrument `b` (a flat config) and scenario instrument `inst` are the same scheme (crate: `same_instrument`). */
export const sameInstrument = (b, inst) => b.kind === inst.kind && (b.kind !== 'rent_guarantee' || b.guarantee_kind === (inst.settings.guarantee_kind ?? 'assistance'));

/** Settings of a baseline instrument as a scenario instrument's (no window, no stock in force: the history left that). */
export function settingsFrom(b) {
  const out = {};
  for (const row of settingsOf(store.catalogue, b.kind)) if (b[row.name] !== undefined && b[row.name] !== null && !row.name.endsWith('_in_force')) out[row.name] = b[row.name];
  return out;
}

/**
 * An addition that cannot change anything: social assistance accepted as
 * income by landlords the baseline's already covers (the first override
 * decides; checked: identical fingerprints with and without it).
 */
export function addsNothing(b, inst) {
  if (inst.kind !== 'assistance_as_income' || b.kind !== inst.kind) return false;
  const on = inst.settings.landlords ?? 'public';
  return b.landlords === 'all' || b.landlords === on;
}

/**
 * "Nuläget har redan …": the baseline's instruments of `kind` with their
 * sizes, and the choice — change one's level from the projection's start
 * (the model continues it: same stock, new settings) or add on top.
 */
export function baseChoice(i, kind) {
  const base = baseScenario().instruments;
  const same = base.filter((b) => b.kind === kind);
  const box = el('div', { class: 'base-choice', role: 'group', 'aria-label': t().baseHas, tabindex: '-1' });
  box.append(el('p', { text: `${t().baseHas}: ${same.map((b) => `${instrumentName(b, base)} (${sizeText(b) || '—'})`).join('; ')}. ${t().changeOrAdd(dataYear())}` }));
  for (const b of same) {
    box.append(el('button', { type: 'button', class: 'change-level', text: `${t().changeLevel}: ${instrumentName(b, base)}`, onclick: () => {
      store.choosing = null;
      act(actions.addInstrument, i, { kind, start: dataYear(), end: null, settings: settingsFrom(b) });
      rebuildEditor();
      focusFirstField([...(cardOf(i)?.querySelectorAll('.instrument') ?? [])].at(-1));
    } }));
  }
  box.append(el('button', { type: 'button', class: 'add-on-top', text: t().addOnTop, onclick: () => {
    addOnTop(i, kind);
    store.choosing = null;
    rebuildEditor();
    focusFirstField([...(cardOf(i)?.querySelectorAll('.instrument') ?? [])].at(-1));
  } }), el('button', { type: 'button', class: 'cancel-choice', text: t().cancel, onclick: () => { store.choosing = null; rebuildEditor(); cardOf(i)?.querySelector('select.add-instrument')?.focus(); } }));
  return box;
}

/** The editor of instrument `j` of scenario `i`: start, end, its settings, how it meets the baseline's, and a remove button. */
export function instrumentEditor(i, j) {
  const inst = store.state.scenarios[i].instruments[j];
  const box = el('div', { class: 'instrument', 'data-kind': inst.kind });
  box.append(el('h4', { text: instrumentLabel(inst.kind) }));
  // How it meets the baseline's own of its kind: continues one (a new level) or acts on top.
  const base = i === 0 ? [] : baseScenario().instruments;
  const continued = inst.start === dataYear() ? base.find((b) => sameInstrument(b, inst)) : undefined;
  const alongside = base.filter((b) => b.kind === inst.kind);
  if (continued) box.append(el('p', { class: 'continues', text: t().continues(instrumentName(continued, base), dataYear()) }));
  else if (alongside.length) box.append(el('p', { class: 'on-top', text: t().onTop(alongside.map((b) => instrumentName(b, base)).join(', ')) }));
  if (!continued && alongside.some((b) => addsNothing(b, inst))) box.append(el('p', { class: 'warning adds-nothing', text: t().addsNothing }));
  // Instruments start from the projection on: the years before are history.
  box.append(numberInput(t().start, inst.start, (v) => { act(actions.setStart, i, j, v, dataYear()); rebuildEditor(); }, { class: 'start', min: dataYear() }));
  const endId = `in${++store.runId}`;
  box.append(el('label', { for: endId }, el('span', { text: t().end }),
    el('input', { id: endId, type: 'number', min: inst.start + 1, value: inst.end ?? '', onchange: (e) => { act(actions.setEnd, i, j, e.target.value); rebuildEditor(); } })));
  const about = el('details', { class: 'about' }, el('summary', { text: t().aboutSettings }));
  const list = el('dl');
  for (const row of settingsOf(store.catalogue, inst.kind)) {
    box.append(settingControl(i, j, row));
    const text = settingText(row);
    list.append(el('dt', { text: text.label }),
      el('dd', { text: `${text.description} ${t().allowed}: ${allowedText(row)}.` }),
      el('dd', { class: 'source', text: `${t().source}: ${text.source}` }));
  }
  about.append(list);
  box.append(about);
  box.append(el('button', { type: 'button', class: 'remove', text: t().removeInstrument, onclick: () => { act(actions.removeInstrument, i, j); rebuildEditor(); } }));
  return box;
}

/**
 * The control of one instrument setting, generated from its row of the
 * settings table: a number field with the row's range and unit, a checkbox
 * or a list of choices. A value outside the range is refused with a message
 * naming the setting, the value and what is allowed; the scenario keeps its
 * last good value.
 */
export function settingControl(i, j, row) {
  const inst = store.state.scenarios[i].instruments[j];
  const id = `in${++store.runId}`;
  const text = settingText(row);
  const label = { text: text.label, missing: store.state.lang === 'sv' && !row.sv };
  const { k, unit } = shownAs(row);
  const current = inst.settings[row.name] ?? defaultOf(row);
  const title = `${text.description} ${t().source}: ${text.source}`;
  const warning = el('p', { class: 'warning soft-warning', 'data-for': row.name });
  const warn = (v) => { warning.textContent = sizeWarning(row, v); warning.hidden = !warning.textContent; };
  warn(current);
  // A finished run may change what the place holds (the modelled homeless with support needs): warn again.
  warning.refresh = () => warn(inst.settings[row.name] ?? defaultOf(row));
  const set = (v) => {
    warn(v ?? defaultOf(row));
    act(actions.setSetting, i, j, row.name, v);
  };
  let input;
  if (row.type === 'flag') {
    input = el('input', { id, type: 'checkbox', checked: current === true, title, onchange: (e) => set(e.target.checked) });
  } else if (row.type === 'choice') {
    input = onChoice(el('select', { id, title }), set);
    for (const o of row.options) input.append(el('option', { value: o, text: optionLabel(o), selected: o === current }));
  } else {
    // Text with a decimal keyboard: a number field would refuse the decimal comma.
    input = el('input', { id, type: 'text', inputmode: row.type === 'whole' ? 'numeric' : 'decimal', value: current == null ? '' : plain(store.state.lang, current * k),
      'data-min': row.min * k, 'data-max': row.max * k, title,
      placeholder: row.type === 'optional' ? t().absent : undefined,
      onchange: (e) => {
        const raw = e.target.value;
        const typed = parseNumber(raw);
        // Empty: the setting's default (an optional setting: absent), shown at once.
        if (typed === undefined) { accept(e.target); set(undefined); rebuildEditor(); return; }
        // A share typed as a percentage is kept as a share, rounded off the float noise of dividing by 100.
        const v = typed === undefined || Number.isNaN(typed) ? NaN : k === 1 ? typed : Number((typed / k).toPrecision(12));
        const problem = Number.isNaN(v) ? 'nan' : checkSetting(row, v);
        if (problem) {
          refuse(e.target, `${label.text} = ${raw || '—'}: ${problem === 'nan' ? `${t().notANumber}; ` : ''}${t().allowed} ${allowedText(row)}`);
          return;
        }
        accept(e.target);
        set(v);
      } });
  }
  input.dataset.field = row.name;
  const wrap = el('label', { for: id, class: row.type === 'flag' ? 'setting flag' : 'setting' },
    el('span', { text: label.text }), input, unit.text ? el('span', { class: 'unit', text: unit.text }) : null);
  if (label.missing || unit.missing) wrap.dataset.untranslated = 'true';
  const both = document.createDocumentFragment();
  both.append(wrap, warning);
  return both;
}

