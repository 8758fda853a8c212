// The place in the editor: "Egen kommun / Your own municipality" (the fields
// of a place file, each checked at its field) and what the page knows of the
// place — its count, its covariates (flagged where the national value
// stands in) and how well the model fits it.
import { MAX_NAME, nameProblem } from './state.js';
import { valueWords } from './messages.js';
import { placeValidation, fitText } from './validation.js';
import { plain } from './format.js';
import { rule } from './inputs.js';
import { numberField } from './field.js';
import VALIDATION from '../../docs/validation.json';
import { act, fmt, placeInfo, rebuildEditor, store, t } from './store.js';
import * as actions from './actions.js';
import { accept, el, refuse } from './dom.js';
import { placeLabel, unitLabel } from './labels.js';

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
      if (nameProblem(e.target.value)) { refuse(e.target, `${placeLabel('name')} = ${valueWords(e.target.value)}: ${t().msg.hidden}`); return; }
      accept(e.target);
      act(actions.setPlace, { ...place, name: e.target.value });
      rebuildEditor();
    } })));
  for (const f of store.catalogue.place_fields) {
    const national = f.national === null || f.national === undefined ? t().nationalRate : `${fmt(f.national, 2)} (${t().national})`;
    const r = rule(f.min, f.max, { whole: f.whole, percent: f.percent, optional: !f.required });
    const value = place[f.name] === undefined ? '' : plain(store.state.lang, place[f.name]);
    const next = (v) => {
      const out = { ...place };
      if (v === undefined) delete out[f.name]; else out[f.name] = v;
      return out;
    };
    // The tenure shares must add up to 100 (±2).
    const more = (v) => {
      const n = next(v);
      const sum = n.rental_share_pct + n.coop_share_pct + n.owner_share_pct;
      return Math.abs(sum - 100) > 2 ? `${t().tenureSum} (${fmt(sum, 1)})` : '';
    };
    box.append(numberField(placeLabel(f.name), value, r, (v) => { act(actions.setPlace, next(v)); rebuildEditor(); },
      { unit: unitLabel(f.unit), more, placeholder: f.required ? undefined : national, required: f.required, 'data-field': f.name }));
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
    el('tbody', {}, ...f.rows.map((r) => el('tr', { 'data-target': r.id, 'data-meets': String(r.meets), title: store.state.lang === 'en' ? r.source : undefined }, ...r.cells.map((c) => el('td', { text: c }))))));
  return el('div', { class: 'fit', id: 'fit' }, el('h3', { text: f.title }), el('p', { text: f.summary }),
    el('details', {}, el('summary', { text: t().allTargets }), el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': `${f.title} ${t().allTargets.toLowerCase()}` }, table), el('p', { class: 'fine', text: f.more })));
}

