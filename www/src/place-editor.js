// The place in the editor: "Egen kommun / Your own municipality" (the fields
// of a place file, each checked at its field) and what the page knows of the
// place — its count, its covariates (flagged where the national value
// stands in) and how well the model fits it.
import { MAX_NAME, nameProblem } from './state.js';
import { valueWords } from './messages.js';
import { placeValidation, fitText } from './validation.js';
import { plain } from './format.js';
import { rule, yearRule } from './inputs.js';
import { DEFAULT_COUNT_YEAR } from './observed.js';
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
    if (f.name === 'homeless_count_year') { box.append(countYearField(f)); continue; }
    const national = f.national === null || f.national === undefined ? t().nationalRate : `${fmt(f.national, 2)} (${t().national})`;
    const r = rule(f.min, f.max, { whole: f.whole, percent: f.percent, optional: !f.required });
    const value = place[f.name] === undefined ? '' : plain(store.state.lang, place[f.name]);
    const next = (v) => {
      const out = { ...place };
      if (v === undefined) delete out[f.name]; else out[f.name] = v;
      // A count has its year (Socialstyrelsen's latest mapping unless the user says otherwise); no count, no year.
      if (f.name === 'homeless_per_10k') {
        if (v === undefined) delete out.homeless_count_year;
        else if (out.homeless_count_year === undefined) out.homeless_count_year = DEFAULT_COUNT_YEAR;
      }
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
 * The year of the place's count (field `f` of the catalogue's place
 * fields, 2011 to the last year of history): given with the count — the
 * count's field fills it with DEFAULT_COUNT_YEAR — refused alone, and
 * required while there is a count. The run meets the count in April of
 * that year, and the chart marks it "Räknat <year>".
 */
function countYearField(f) {
  const place = store.state.place;
  const counted = place.homeless_per_10k !== undefined;
  const r = yearRule(f.min, f.max, { optional: !counted });
  const label = placeLabel(f.name);
  const more = () => (counted ? '' : t().countYearNeedsCount(placeLabel('homeless_per_10k')));
  return numberField(label, place.homeless_count_year === undefined ? '' : String(place.homeless_count_year), r, (v) => {
    const out = { ...place };
    if (v === undefined) delete out.homeless_count_year; else out.homeless_count_year = v;
    act(actions.setPlace, out);
    rebuildEditor();
  }, { more, placeholder: String(DEFAULT_COUNT_YEAR), 'data-field': f.name });
}

/**
 * What the page knows about the place: its count and covariates, each
 * flagged where the national value stands in for a missing one.
 */
export function placeSummary() {
  const p = placeInfo();
  const box = el('div', { class: 'place-summary', id: 'place-summary' });
  if (p) {
    box.append(el('p', { text: `${t().counted} ${p.count_year}: ${fmt(p.homeless_per_10k, 0)} ${t().per10k}` }));
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

