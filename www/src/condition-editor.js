// A changed condition in the editor: a driver (construction, unemployment,
// …) at a percentage of the place's level in the data year, from a year on.
import { driverLevel, pctRange } from './state.js';
import { plain, parseNumber } from './format.js';
import { act, dataYear, fmt, rebuildEditor, store, t } from './store.js';
import * as actions from './actions.js';
import { accept, el, numberInput, refuse } from './dom.js';
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
  box.append(el('h4', { text: driverLabel(c.driver) }));
  box.append(numberInput(t().from, c.from, (v) => { act(actions.setConditionFrom, i, k, v, dataYear()); rebuildEditor(); }, { class: 'from', min: dataYear() }));
  const id = `in${++store.runId}`;
  const input = el('input', { id, type: 'text', inputmode: 'decimal', value: plain(store.state.lang, c.pct), 'data-min': lo, 'data-max': hi, 'data-field': 'pct',
    onchange: (e) => {
      const v = parseNumber(e.target.value);
      if (v === undefined || !Number.isFinite(v) || v < lo || v > hi) {
        refuse(e.target, `${driverLabel(c.driver)} = ${e.target.value} %: ${Number.isNaN(v) ? `${t().notANumber}; ` : ''}${t().allowed} ${fmt(lo, 6)} ${t().to} ${fmt(hi, 6)} %`);
        return;
      }
      accept(e.target);
      act(actions.setConditionPct, i, k, v);
    } });
  box.append(el('label', { for: id, class: 'setting' }, el('span', { text: t().pctOfLevel(dataYear()) }), input, el('span', { class: 'unit', text: '%' })));
  box.append(el('p', { class: 'fine', text: t().levelIs(dataYear(), fmt(level, 3), unitLabel(d.unit)) }));
  box.append(el('button', { type: 'button', class: 'remove', text: t().removeCondition, onclick: () => { act(actions.removeCondition, i, k); rebuildEditor(); } }));
  return box;
}

