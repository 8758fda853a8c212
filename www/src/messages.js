// Messages of the page in its language, from what the checks refuse as
// data: a refused link or scenario file (www/src/state.js `fail`: the
// field's path, the value and the rule it broke) in words — "Scenario 1,
// insats 1 (Bostad först), Platser = −1: tillåtet heltal 0 till 1 000 000
// hyresavtal" — and the dates a link moved into the projection. The
// English message with the field's code path stays as the technical detail.
import { HIDDEN_CHARACTERS, settingsOf } from './state.js';
import { cut } from './format.js';
import { rule } from './inputs.js';
import { wholeSetting } from './roles.js';
import { fmt, store, t } from './store.js';
import { allowedWords } from './field.js';
import { driverLabel, instrumentLabel, placeLabel, rangeOf, settingLabel, shownAs, unitLabel } from './labels.js';

/** Every hidden character of a text (quoted values show them as �, so that they do not reorder the message). */
const HIDDEN_CHARACTERS_ALL = new RegExp(HIDDEN_CHARACTERS.source, 'gu');

/** A value from a link as a message quotes it: a text cut to about 60 characters, a list or a group of fields by its size, never a dump. */
export function valueWords(v) {
  const m = t().msg;
  if (typeof v === 'string') return `"${cut(store.state.lang, v.replace(HIDDEN_CHARACTERS_ALL, '�'))}"`;
  if (typeof v === 'number') return Number.isFinite(v) ? fmt(v, 6) : String(v);
  if (typeof v === 'boolean') return v ? t().yes : t().no;
  if (v === null || v === undefined) return m.nothing;
  if (Array.isArray(v)) return m.listOf(v.length);
  return m.groupOf(Object.keys(v).length);
}

/** A field's path from a link ("scenarios[1].instruments[0].settings.places") in words: "Scenario 1, insats 1 (Bostad först), Platser". */
export function fieldWords(path, r = {}) {
  const m = t().msg;
  const out = [];
  let after = '';
  const tokens = [...String(path).matchAll(/(\w+)(?:\[(\d+)\])?/g)];
  for (const [n, [, name, index]] of tokens.entries()) {
    const i = index === undefined ? null : Number(index);
    const last = n === tokens.length - 1;
    if (name === 'scenarios' && i !== null) out.push(i === 0 ? m.baseline : `Scenario ${i}`);
    else if (name === 'instruments' && i !== null) out.push(`${m.instrument} ${i + 1}${r.kind ? ` (${instrumentLabel(r.kind)})` : ''}`);
    else if (name === 'conditions' && i !== null) out.push(`${m.condition} ${i + 1}${r.driver ? ` (${driverLabel(r.driver)})` : ''}`);
    else if (after === 'settings') out.push(settingName(r.kind, name));
    else if (after === 'place') out.push(placeLabel(name));
    else if (last || (name !== 'settings' && name !== 'place')) out.push(m.fields[name] ?? name);
    after = name;
  }
  const words = out.join(', ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A setting's label in the page's language, by its kind and name (its code name if the table has none). */
function settingName(kind, name) {
  const row = kind ? settingsOf(store.catalogue, kind).find((r) => r.name === name) : null;
  return row ? settingLabel(row) : name;
}

/** What rule `r` (state.js `fail`) allows, in the page's words. */
export function ruleWords(r) {
  const m = t().msg;
  const allowed = (x) => `${t().allowed} ${x}`;
  switch (r.k) {
    case 'whole': return allowed(allowedWords({ ...rule(r.lo, r.hi, { whole: true }), year: r.year }));
    case 'number': return allowed(allowedWords(rule(r.lo, r.hi), r.unit ?? ''));
    case 'text': return m.text(r.lo, r.hi);
    case 'list': return m.list(r.lo, r.hi);
    case 'object': return m.object;
    case 'unknown': return m.unknown;
    case 'required': return t().required;
    case 'onlyCustom': return m.onlyCustom;
    case 'newer': return m.newer(r.format);
    case 'tenure': return `${t().tenureSum} (${fmt(r.sum, 1)})`;
    case 'oneOf': return allowed(`${t().oneOf} ${r.options.map((o) => optionWords(r.of, o)).join(', ')}`);
    case 'place': {
      const f = store.catalogue.place_fields.find((x) => x.name === r.name);
      return f ? allowed(allowedWords(rule(f.min, f.max, { whole: f.whole }), unitLabel(f.unit))) : m.unknown;
    }
    case 'countYear': {
      // The year of a custom place's count: whole, in the history, and only with a count.
      if (r.alone) return t().countYearNeedsCount(placeLabel('homeless_per_10k'));
      const range = allowed(allowedWords({ ...rule(r.lo, r.hi, { whole: true }), year: true }));
      return r.required ? `${t().required}: ${range}` : range;
    }
    case 'hidden': return m.hidden;
    case 'setting': {
      const row = settingsOf(store.catalogue, r.kind).find((x) => x.name === r.name);
      if (!row) return m.unknown;
      if (r.required) return `${t().required}: ${rangeOf(row)}`;
      if (row.type === 'flag' || row.type === 'choice') return allowed(rangeOf(row));
      const { k, unit } = shownAs(row);
      return allowed(allowedWords(rule(row.min * k, row.max * k, { whole: wholeSetting(row) }), unit.text));
    }
    default: return m.link[r.k] ? m.link[r.k](r) : m.damaged;
  }
}

/** An option of a list a link chose from, in words: an instrument's, a driver's or a place's name. */
function optionWords(of, o) {
  if (of === 'kind') return instrumentLabel(o);
  if (of === 'driver') return driverLabel(o);
  if (of === 'preset') return o === 'custom' ? t().customPlace : store.catalogue.presets.find((p) => p.id === o)?.name ?? o;
  return o;
}

/** A refused link or file in the page's words: what is wrong, where, with the value; `detail` is the technical message. */
export function refusalWords(e) {
  const r = e.rule ?? {};
  if (e.field === undefined) return { text: r.k ? ruleWords(r) : t().msg.damaged, detail: e.message };
  const field = fieldWords(e.field, r);
  const text = r.k === 'unknown' ? `${field}: ${ruleWords(r)} ${valueWords(e.value)}` : e.value === undefined ? `${field}: ${ruleWords(r)}` : `${field} = ${valueWords(e.value)}: ${ruleWords(r)}`;
  return { text, detail: e.message };
}

/** A date a link moved into the projection (state.js `moveToProjection`), in words. */
export function movedWords(n) {
  const m = t().msg;
  const what = n.instrument !== undefined
    ? `${fieldWords(`scenarios[${n.scenario}].instruments[${n.instrument}]`, { kind: n.kind })}`
    : `${fieldWords(`scenarios[${n.scenario}].conditions[${n.condition}]`, { driver: n.driver })}`;
  return n.dropped ? m.dropped(what, n.to) : m.moved(what, n.from, n.to);
}
