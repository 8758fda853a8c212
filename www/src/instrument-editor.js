// One instrument in the editor: its years, a control per row of its
// settings table (a number field with the row's range and unit, a checkbox
// or a list of choices), how it meets the baseline's own of its kind
// ("change its level or add on top"), and its help texts and sources.
import { settingsOf, defaultOf } from './state.js';
import { plain } from './format.js';
import { rule, yearRule } from './inputs.js';
import { addsNothing, instrumentOf, roleOf, sameInstrument, wholeSetting } from './roles.js';
import { numberField, readInput } from './field.js';
import { act, baseScenario, dataYear, edit, lastYear, rebuildEditor, store, t } from './store.js';
import * as actions from './actions.js';
import { cardOf, el, focusFirstField, onChoice } from './dom.js';
import { allowedText, defaultWords, inFieldUnit, instrumentLabel, instrumentName, optionLabel, settingText, shownAs, sizeText } from './labels.js';
import { sizeWarning } from './size-warnings.js';

/** Adds an instrument of `kind` to scenario `i` from next year, at its defaults, on top of the baseline's. */
export function addOnTop(i, kind) {
  // A choice the model requires is written out with its first option.
  const settings = {};
  for (const row of settingsOf(store.catalogue, kind)) if (row.type === 'choice' && row.default === null) settings[row.name] = row.options[0];
  edit(actions.addInstrument, i, { kind, start: Math.min(dataYear() + 1, lastYear()), end: null, settings });
}

/**
 * Settings of a baseline instrument as a scenario instrument's (no window,
 * no stock in force: the history left that); counts whole, as the editor
 * takes them (a custom place's baseline is the national mix scaled).
 */
export function settingsFrom(b) {
  const out = {};
  for (const row of settingsOf(store.catalogue, b.kind)) {
    const v = b[row.name];
    if (v === undefined || v === null || roleOf(row) === 'in_force') continue;
    out[row.name] = wholeSetting(row) && typeof v === 'number' ? Math.round(v) : v;
  }
  return out;
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
  box.append(el('h3', { text: instrumentLabel(inst.kind) }));
  // How it meets the baseline's own of its kind: continues one (a new level) or acts on top.
  const base = i === 0 ? [] : baseScenario().instruments;
  const continued = inst.start === dataYear() ? base.find((b) => sameInstrument(store.catalogue, b, inst)) : undefined;
  const alongside = base.filter((b) => b.kind === inst.kind);
  if (continued) box.append(el('p', { class: 'continues', text: t().continues(instrumentName(continued, base), dataYear()) }));
  else if (alongside.length) box.append(el('p', { class: 'on-top', text: t().onTop(alongside.map((b) => instrumentName(b, base)).join(', ')) }));
  if (!continued && alongside.some((b) => addsNothing(store.catalogue, b, inst))) box.append(el('p', { class: 'warning adds-nothing', text: t().addsNothing }));
  // Instruments start in the projection: the years before are history, the years after are not run.
  box.append(numberField(t().start, inst.start, yearRule(dataYear(), lastYear()), (v) => { act(actions.setStart, i, j, v, dataYear()); rebuildEditor(); }, { class: 'start' }));
  // An end is January of its year (the instrument's last month is December before): after the start, at most the projection's end.
  box.append(numberField(t().end, inst.end ?? '', yearRule(inst.start + 1, lastYear() + 1, { optional: true }), (v) => { act(actions.setEnd, i, j, v ?? null); rebuildEditor(); }, { class: 'end' }));
  const about = el('details', { class: 'about' }, el('summary', { text: t().aboutSettings }));
  const list = el('dl');
  for (const row of settingsOf(store.catalogue, inst.kind)) {
    box.append(settingControl(i, j, row));
    const text = settingText(row);
    list.append(el('dt', { text: text.label }),
      el('dd', { text: `${inFieldUnit(row, text.description)} ${t().allowed}: ${allowedText(row)}.${defaultWords(row)}` }),
      el('dd', { class: 'source', text: `${t().source}: ${inFieldUnit(row, text.source)}` }));
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
  const title = `${inFieldUnit(row, text.description)}${defaultWords(row)} ${t().source}: ${inFieldUnit(row, text.source)}`;
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
    // A choice the registry relates two instruments by (`told_apart_by`,
    // `covers`) may change whether this one continues or adds nothing
    // beside the baseline's: the editor says so again, focus kept.
    const d = instrumentOf(store.catalogue, inst.kind);
    const relates = d?.covers?.setting === row.name || (d?.told_apart_by ?? []).includes(row.name);
    input = onChoice(el('select', { id, title }), (v) => {
      set(v);
      if (!relates) return;
      rebuildEditor();
      cardOf(i)?.querySelectorAll('.instrument')[j]?.querySelector(`[data-field="${row.name}"]`)?.focus();
    });
    for (const o of row.options) input.append(el('option', { value: o, text: optionLabel(o), selected: o === current }));
  } else {
    // Text with a decimal keyboard (a number field would refuse the decimal comma), read by the page's one rule.
    const r = rule(row.min * k, row.max * k, { whole: wholeSetting(row), percent: k === 100, optional: true });
    input = el('input', { id, type: 'text', inputmode: r.whole ? 'numeric' : 'decimal', value: current == null ? '' : plain(store.state.lang, current * k),
      'data-min': r.min, 'data-max': r.max, title,
      placeholder: row.type === 'optional' ? t().absent : undefined,
      onchange: (e) => {
        const read = readInput(e.target, label.text, r, { unit: unit.text });
        if (!read) return;
        // Empty: the setting's default (an optional setting: absent), shown at once.
        if (read.value === undefined) { set(undefined); rebuildEditor(); return; }
        // A share typed as a percentage is kept as a share, rounded off the float noise of dividing by 100.
        set(k === 1 ? read.value : Number((read.value / k).toPrecision(12)));
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

