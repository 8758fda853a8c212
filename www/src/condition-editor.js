// A changed condition in the editor: a driver (construction, unemployment,
// …) at a percentage of the place's level in the data year, from a year on.
import { driverLevel, pctRange } from './state.js';
import { plain } from './format.js';
import { rule, yearRule } from './inputs.js';
import { numberField } from './field.js';
import { act, dataYear, fmt, lastYear, rebuildEditor, store, t } from './store.js';
import * as actions from './actions.js';
import { el } from './dom.js';
import { driverLabel, unitLabel } from './labels.js';

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
  box.append(el('h3', { text: driverLabel(c.driver) }));
  box.append(numberField(t().from, c.from, yearRule(dataYear(), lastYear()), (v) => { act(actions.setConditionFrom, i, k, v, dataYear()); rebuildEditor(); }, { class: 'from' }));
  box.append(numberField(t().pctOfLevel(dataYear()), plain(store.state.lang, c.pct), rule(lo, hi, { percent: true }), (v) => act(actions.setConditionPct, i, k, v),
    { unit: '%', name: driverLabel(c.driver), labelClass: 'setting', 'data-field': 'pct' }));
  box.append(el('p', { class: 'fine', text: t().levelIs(dataYear(), fmt(level, 3), unitLabel(d.unit)) }));
  box.append(el('button', { type: 'button', class: 'remove', text: t().removeCondition, onclick: () => { act(actions.removeCondition, i, k); rebuildEditor(); } }));
  return box;
}

