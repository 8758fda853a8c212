// The editor: the place, years and replications, the baseline card, the
// scenarios with their instruments (controls generated from each settings
// table) and changed conditions. A user action is a named action on the
// scenario set (www/src/actions.js) that the store does and announces
// (`act`: it runs; `edit`: an addition at its defaults waits for "Kör");
// then the controls are rebuilt from the store.
import { settingsOf, defaultOf, checkSetting, MAX_SCENARIOS, MAX_INSTRUMENTS, checkPlaceField, MAX_CONDITIONS, driverLevel, pctRange, COUNTS, YEARS, REPLICATIONS, MAX_NAME } from './state.js';
import { placeValidation, fitText } from './validation.js';
import { plain, parseNumber } from './format.js';
import { INSTRUMENT_LABELS, UNIT_LABELS, OPTION_LABELS, DRIVER_LABELS } from './i18n.js';
import VALIDATION from '../../docs/validation.json';
import { PALETTE, act, baseScenario, baselineChanged, countedRate, dataYear, edit, fmt, modelledNow, placeInfo, scenarioName, store, subscribe, t } from './store.js';
import * as actions from './actions.js';
import { $, accept, cardOf, el, focusFirstField, onChoice, refuse } from './dom.js';
import { ENOUGH_REPLICATIONS } from './headline-view.js';

/** A labelled number field; `onchange` gets its text. */
export function numberInput(label, value, onchange, attrs = {}) {
  const id = `in${++store.runId}`;
  return el('label', { for: id }, el('span', { text: label }), el('input', { id, type: 'number', value, onchange: (e) => onchange(e.target.value), ...attrs }));
}

/** Builds the editor from the store: place, years, replications and every scenario's card. */
export function buildControls() {
  const box = $('#controls');
  box.replaceChildren();
  const select = el('select', { id: 'preset' });
  onChoice(select, (value) => {
    act(actions.choosePlace, value);
    buildControls();
    $('#preset').focus();
  });
  for (const p of store.catalogue.presets) select.append(el('option', { value: p.id, text: p.name, selected: p.id === store.state.preset }));
  select.append(el('option', { value: 'custom', text: t().customPlace, selected: store.state.preset === 'custom' }));
  box.append(el('label', { for: 'preset' }, el('span', { text: t().municipality }), select));
  if (store.state.preset === 'custom') box.append(placeForm());
  box.append(placeSummary());
  box.append(numberInput(t().years, store.state.years, (v) => { act(actions.setYears, v); buildControls(); }, { min: YEARS.min, max: YEARS.max, id: 'years' }));
  box.append(numberInput(t().replications, store.state.replications, (v) => { act(actions.setReplications, v); buildControls(); }, { min: REPLICATIONS.min, max: REPLICATIONS.max, id: 'replications' }));
  if (store.state.replications < ENOUGH_REPLICATIONS) box.append(el('p', { class: 'warning', text: t().fewReplications(store.state.replications, ENOUGH_REPLICATIONS) }));
  store.state.scenarios.forEach((s, i) => box.append(scenarioCard(s, i)));
  if (store.state.scenarios.length < MAX_SCENARIOS) {
    box.append(el('button', { id: 'add-scenario', type: 'button', text: t().addScenario, onclick: () => {
      edit(actions.addScenario);
      buildControls();
      focusFirstField(cardOf(store.state.scenarios.length - 1));
    } }));
  }
}

/** A field's label in the page's language. */
export const placeLabel = (name) => t().placeFields[name] ?? name;

/**
 * "Egen kommun / Your own municipality": the fields of a place file, each
 * checked against its range; what is left empty takes the national value
 * (shown as the placeholder) and is flagged as such below the form.
 */
export function placeForm() {
  const place = store.state.place;
  const box = el('fieldset', { class: 'place', id: 'place-form' }, el('legend', { text: t().customPlace }));
  const nameId = `in${++store.runId}`;
  box.append(el('label', { for: nameId }, el('span', { text: placeLabel('name') }),
    el('input', { id: nameId, type: 'text', value: place.name, maxlength: MAX_NAME, 'data-field': 'name', onchange: (e) => {
      if (e.target.value.trim() === '') { refuse(e.target, `${placeLabel('name')}: ${t().required}`); return; }
      accept(e.target);
      act(actions.setPlace, { ...place, name: e.target.value });
      buildControls();
    } })));
  for (const f of store.catalogue.place_fields) {
    const id = `in${++store.runId}`;
    const national = f.national === null || f.national === undefined ? t().nationalRate : `${fmt(f.national, 2)} (${t().national})`;
    // Text with a decimal keyboard, so that a decimal comma is accepted (a number field refuses it).
    const input = el('input', { id, type: 'text', inputmode: f.name === 'population' ? 'numeric' : 'decimal', value: place[f.name] === undefined ? '' : f.name === 'population' ? String(place[f.name]) : plain(store.state.lang, place[f.name]),
      placeholder: f.required ? undefined : national, required: f.required, 'data-field': f.name,
      onchange: (e) => {
        const raw = e.target.value;
        const v = parseNumber(raw);
        const problem = Number.isNaN(v) ? 'nan' : checkPlaceField(f, v);
        if (problem) {
          const allowed = `${t().allowed} ${fmt(f.min, 6)} ${t().to} ${fmt(f.max, 6)} ${f.unit}`;
          refuse(e.target, `${placeLabel(f.name)} = ${raw || '—'}: ${problem === 'required' ? t().required : problem === 'nan' ? `${t().notANumber}; ${allowed}` : allowed}`);
          return;
        }
        const next = { ...place };
        if (v === undefined) delete next[f.name]; else next[f.name] = v;
        const sum = next.rental_share_pct + next.coop_share_pct + next.owner_share_pct;
        if (Math.abs(sum - 100) > 2) {
          refuse(e.target, `${t().tenureSum} (${fmt(sum, 1)})`);
          return;
        }
        accept(e.target);
        act(actions.setPlace, next);
        buildControls();
      } });
    box.append(el('label', { for: id }, el('span', { text: placeLabel(f.name) }), input, el('span', { class: 'unit', text: f.unit })));
  }
  return box;
}

/**
 * What the page knows about the place: its count and covariates, each
 * flagged where the national value stands in for a missing one.
 */
export function placeSummary() {
  const p = placeInfo();
  const box = el('div', { class: 'place-summary', id: 'place-summary' });
  if (p) {
    box.append(el('p', { text: `${t().observedCount}: ${fmt(p.homeless_per_10k, 0)} ${t().per10k}` }));
    const national = Object.entries(p.covariates).filter(([, c]) => c.flag === 'national').map(([k]) => placeLabel(k));
    const own = Object.entries(p.covariates).filter(([, c]) => c.flag !== 'national')
      .map(([k, c]) => `${placeLabel(k)} ${fmt(c.value, 2)} (${c.year}${c.flag === 'observed' ? '' : `, ${t().flags[c.flag] ?? c.flag}`})`);
    if (own.length) box.append(el('p', { text: `${t().ownValues}: ${own.join('; ')}` }));
    if (national.length) box.append(el('p', { class: 'national', 'data-national': national.length, text: `${t().nationalFor}: ${national.join(', ')}` }));
    const v = placeValidation(VALIDATION, store.state.preset);
    if (v) box.append(fitBox(v));
  } else {
    box.append(el('p', { class: 'fit', id: 'fit', text: t().noValidation }));
    const missing = store.catalogue.place_fields.filter((f) => !f.required && store.state.place[f.name] === undefined).map((f) => placeLabel(f.name));
    if (missing.length) box.append(el('p', { class: 'national', 'data-national': missing.length, text: `${t().nationalFor}: ${missing.join(', ')}` }));
  }
  return box;
}

/**
 * "Hur väl stämmer modellen?": the place's validation (docs/validation.json,
 * from `hemma validate-report`) — a line in words, every target in a table.
 */
export function fitBox(v) {
  const f = fitText(store.state.lang, v, `${VALIDATION.version}, ${VALIDATION.replications} ${t().replications.toLowerCase()}`);
  const table = el('table', { class: 'fit-table' },
    el('thead', {}, el('tr', {}, ...f.columns.map((c) => el('th', { scope: 'col', text: c })))),
    el('tbody', {}, ...f.rows.map((r) => el('tr', { 'data-target': r.id, 'data-meets': String(r.meets), title: r.source }, ...r.cells.map((c) => el('td', { text: c }))))));
  return el('div', { class: 'fit', id: 'fit' }, el('h3', { text: f.title }), el('p', { text: f.summary }),
    el('details', {}, el('summary', { text: t().allTargets }), el('div', { class: 'scroll' }, table), el('p', { class: 'fine', text: f.more })));
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
        notes[k] ? el('details', { class: 'source' }, el('summary', { text: t().source }), el('p', { text: notes[k] })) : null));
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
  const name = el('input', { type: 'text', value: s.name, maxlength: MAX_NAME, 'aria-label': t().scenarioName, onchange: (e) => act(actions.renameScenario, i, e.target.value) });
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
      edit(actions.addCondition, i, driver, dataYear() + 1);
      return true;
    }, () => [...(cardOf(i)?.querySelectorAll('.condition') ?? [])].at(-1)));
  }
  card.append(el('button', { type: 'button', class: 'remove', text: t().removeScenario, onclick: () => { act(actions.removeScenario, i); buildControls(); } }));
  return card;
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
    buildControls();
    // Added: its first field; not yet (a question to answer first): the question.
    focusFirstField(done ? added() : document.querySelector('.base-choice'));
  } });
  return el('div', { class: 'add-picker' }, pick, button);
}

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
      buildControls();
      focusFirstField([...(cardOf(i)?.querySelectorAll('.instrument') ?? [])].at(-1));
    } }));
  }
  box.append(el('button', { type: 'button', class: 'add-on-top', text: t().addOnTop, onclick: () => {
    addOnTop(i, kind);
    store.choosing = null;
    buildControls();
    focusFirstField([...(cardOf(i)?.querySelectorAll('.instrument') ?? [])].at(-1));
  } }), el('button', { type: 'button', class: 'cancel-choice', text: t().cancel, onclick: () => { store.choosing = null; buildControls(); cardOf(i)?.querySelector('select.add-instrument')?.focus(); } }));
  return box;
}

/** A setting's value in words with its unit: "24 kontrakt/år", shares as percentages ("10 %"). */
export function valueText(row, v) {
  const { k, unit } = shownAs(row);
  if (!unit.text) return fmt(v * k, 2);
  // Swedish sets a space before the per cent sign, English does not.
  const gap = unit.text === '%' && store.state.lang === 'en' ? '' : ' ';
  return `${fmt(v * k, k === 1 ? 2 : 1)}${gap}${unit.text}`;
}

/**
 * An instrument's size in words: up to two of its settings that count
 * something or are shares ("Nya kontrakt per år: 24 kontrakt/år, Kontrakt
 * vid start: 60 kontrakt"); `inst` is a flat config as in a scenario file.
 */
export function sizeText(inst) {
  // Zero is no size (a count the file leaves at nothing).
  const rows = settingsOf(store.catalogue, inst.kind).filter((r) => ['number', 'whole', 'optional'].includes(r.type) && typeof inst[r.name] === 'number' && inst[r.name] !== 0);
  // Counts first (contracts, places, guarantees), then shares.
  const sized = [...rows.filter((r) => COUNTS.includes(r.name)), ...rows.filter((r) => r.unit === 'share')];
  return (sized.length ? sized : rows).slice(0, 2).map((r) => `${settingLabel(r)} ${valueText(r, inst[r.name])}`).join(', ');
}

/** An instrument's name, told apart from another of its kind in `list` by its first choice: "Kommunal hyresgaranti (försörjningsstöd)". */
export function instrumentName(inst, list) {
  const label = INSTRUMENT_LABELS[store.state.lang][inst.kind] ?? inst.kind;
  const kin = list.filter((x) => x.kind === inst.kind);
  if (kin.length < 2) return label;
  const choice = settingsOf(store.catalogue, inst.kind).find((r) => r.type === 'choice');
  const v = choice ? inst[choice.name] : undefined;
  return v ? `${label} (${translated(OPTION_LABELS, v, v).text})` : `${label} ${kin.indexOf(inst) + 1}`;
}

/** The editor of instrument `j` of scenario `i`: start, end, its settings, how it meets the baseline's, and a remove button. */
export function instrumentEditor(i, j) {
  const inst = store.state.scenarios[i].instruments[j];
  const box = el('div', { class: 'instrument', 'data-kind': inst.kind });
  box.append(el('h4', { text: INSTRUMENT_LABELS[store.state.lang][inst.kind] ?? inst.kind }));
  // How it meets the baseline's own of its kind: continues one (a new level) or acts on top.
  const base = i === 0 ? [] : baseScenario().instruments;
  const continued = inst.start === dataYear() ? base.find((b) => sameInstrument(b, inst)) : undefined;
  const alongside = base.filter((b) => b.kind === inst.kind);
  if (continued) box.append(el('p', { class: 'continues', text: t().continues(instrumentName(continued, base), dataYear()) }));
  else if (alongside.length) box.append(el('p', { class: 'on-top', text: t().onTop(alongside.map((b) => instrumentName(b, base)).join(', ')) }));
  if (!continued && alongside.some((b) => addsNothing(b, inst))) box.append(el('p', { class: 'warning adds-nothing', text: t().addsNothing }));
  // Instruments start from the projection on: the years before are history.
  box.append(numberInput(t().start, inst.start, (v) => { act(actions.setStart, i, j, v, dataYear()); buildControls(); }, { class: 'start', min: dataYear() }));
  const endId = `in${++store.runId}`;
  box.append(el('label', { for: endId }, el('span', { text: t().end }),
    el('input', { id: endId, type: 'number', min: inst.start + 1, value: inst.end ?? '', onchange: (e) => { act(actions.setEnd, i, j, e.target.value); buildControls(); } })));
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
  box.append(el('button', { type: 'button', class: 'remove', text: t().removeInstrument, onclick: () => { act(actions.removeInstrument, i, j); buildControls(); } }));
  return box;
}

/**
 * A change of the conditions from a year on: a driver (construction,
 * unemployment, …) at a percentage of the place's level in the data year,
 * e.g. construction at 50% from 2027. Years before the projection are
 * history and cannot be changed.
 */
export function conditionEditor(i, k) {
  const c = store.state.scenarios[i].conditions[k];
  const d = store.catalogue.drivers.find((x) => x.name === c.driver);
  const level = driverLevel(d, store.state.preset);
  const [lo, hi] = pctRange(d, level);
  const box = el('div', { class: 'condition', 'data-driver': c.driver });
  box.append(el('h4', { text: DRIVER_LABELS[store.state.lang][c.driver] ?? c.driver }));
  box.append(numberInput(t().from, c.from, (v) => { act(actions.setConditionFrom, i, k, v, dataYear()); buildControls(); }, { class: 'from', min: dataYear() }));
  const id = `in${++store.runId}`;
  const input = el('input', { id, type: 'text', inputmode: 'decimal', value: plain(store.state.lang, c.pct), 'data-min': lo, 'data-max': hi, 'data-field': 'pct',
    onchange: (e) => {
      const v = parseNumber(e.target.value);
      if (v === undefined || !Number.isFinite(v) || v < lo || v > hi) {
        refuse(e.target, `${DRIVER_LABELS[store.state.lang][c.driver] ?? c.driver} = ${e.target.value} %: ${Number.isNaN(v) ? `${t().notANumber}; ` : ''}${t().allowed} ${fmt(lo, 6)} ${t().to} ${fmt(hi, 6)} %`);
        return;
      }
      accept(e.target);
      act(actions.setConditionPct, i, k, v);
    } });
  box.append(el('label', { for: id, class: 'setting' }, el('span', { text: t().pctOfLevel(dataYear()) }), input, el('span', { class: 'unit', text: '%' })));
  box.append(el('p', { class: 'fine', text: t().levelIs(dataYear(), fmt(level, 3), unitLabel(d.unit)) }));
  box.append(el('button', { type: 'button', class: 'remove', text: t().removeCondition, onclick: () => { act(actions.removeCondition, i, k); buildControls(); } }));
  return box;
}

/**
 * A label in the page's language. The settings table's own labels and units
 * are English; a Swedish page marks a control whose text has no Swedish
 * entry (a test looks for such marks).
 */
export function translated(table, key, fallback) {
  const text = table[store.state.lang]?.[key];
  return text === undefined ? { text: fallback, missing: store.state.lang !== 'en' } : { text, missing: false };
}

/**
 * How a setting's numbers are shown: shares (0–1) as percentages, so that
 * people type 25 for a quarter; the scenario keeps the share.
 */
export const shownAs = (row) => (row.unit === 'share' ? { k: 100, unit: { text: '%', missing: false } } : { k: 1, unit: row.unit ? translated(UNIT_LABELS, row.unit, row.unit) : { text: '', missing: false } });

/** The allowed values of a setting in the page's language. */
export function rangeOf(row) {
  if (row.type === 'flag') return t().yesNo;
  if (row.type === 'choice') return `${t().oneOf} ${row.options.map((o) => translated(OPTION_LABELS, o, o).text).join(', ')}`;
  const { k } = shownAs(row);
  return `${fmt(row.min * k, 6)} ${t().to} ${fmt(row.max * k, 6)}`;
}

/** The allowed values with the unit, in the page's language: "0 till 1 000 000 hyresavtal", "0 till 100 %". */
export function allowedText(row) {
  const { unit } = shownAs(row);
  return unit.text ? `${rangeOf(row)} ${unit.text}` : rangeOf(row);
}

/**
 * A setting's label, description and source in the page's language: the
 * settings table carries both (the row's own and its `sv`), so help texts
 * and sources are never in one language only.
 */
export function settingText(row) {
  return store.state.lang === 'sv' && row.sv ? row.sv : row;
}

/** A setting's label in the page's language. */
export function settingLabel(row) {
  return settingText(row).label;
}

/** A unit in the page's language. */
export function unitLabel(unit) {
  return translated(UNIT_LABELS, unit, unit).text;
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
    for (const o of row.options) input.append(el('option', { value: o, text: translated(OPTION_LABELS, o, o).text, selected: o === current }));
  } else {
    // Text with a decimal keyboard: a number field would refuse the decimal comma.
    input = el('input', { id, type: 'text', inputmode: row.type === 'whole' ? 'numeric' : 'decimal', value: current == null ? '' : plain(store.state.lang, current * k),
      'data-min': row.min * k, 'data-max': row.max * k, title,
      placeholder: row.type === 'optional' ? t().absent : undefined,
      onchange: (e) => {
        const raw = e.target.value;
        const typed = parseNumber(raw);
        // Empty: the setting's default (an optional setting: absent), shown at once.
        if (typed === undefined) { accept(e.target); set(undefined); buildControls(); return; }
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

/** Checks every setting's size warning again, against the place as the last finished run holds it. */
export function refreshSizeWarnings() {
  for (const w of document.querySelectorAll('#controls .soft-warning[data-for]')) w.refresh?.();
}

subscribe('run', () => { if (store.run.state === 'done') refreshSizeWarnings(); });

/** Settings that count places or contracts for homeless persons: above the place's homeless count they warn (softly; the run goes on). */
export const HOMELESS_SIZED = ['places', 'contracts_per_year', 'contracts_in_force', 'tenancies_in_force', 'leases_per_year', 'training_flats', 'training_in_force', 'support_agreements', 'support_in_force'];

/**
 * Of those, the ones for homeless persons with support needs (Housing First,
 * the staircase): they warn above the homeless with support needs, which no
 * count gives, so the model's own number in the baseline's data year stands
 * in (once a run has given it).
 */
export const SUPPORT_SIZED = ['places', 'tenancies_in_force', 'training_flats', 'training_in_force', 'support_agreements', 'support_in_force'];

/** Homeless persons in the place: its count of 2011 (a custom place: its own rate or the national one, × its residents). */
export function homelessCount() {
  return (countedRate().value * (placeInfo()?.population ?? store.state.place.population)) / 1e4;
}

/**
 * A soft warning for a value larger than the place makes sense of: "Fler än
 * alla hemlösa med stödbehov i kommunen (≈ 95 personer 2025 enligt
 * modellens nuläge)", or than all homeless persons counted in 2011.
 */
export function sizeWarning(row, v) {
  if (!HOMELESS_SIZED.includes(row.name) || typeof v !== 'number') return '';
  const needs = SUPPORT_SIZED.includes(row.name) ? modelledNow('n_homeless_support_needs') : null;
  if (needs && v > needs.value) return t().moreThanSupportNeeds(fmt(v, 0), fmt(needs.value, 0), needs.year);
  const n = homelessCount();
  return v > n ? t().moreThanHomeless(fmt(v, 0), fmt(n, 0)) : '';
}
