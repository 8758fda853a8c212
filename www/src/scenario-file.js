// A scenario file opened in the page ("Öppna scenariofil"): the model has
// read and normalised it (every field written out, settings left out as
// null); this module turns it into the page's scenario set — the place, the
// years, the replications, the instruments the file adds to the place's own
// (years, not months) and its driver paths as changed conditions (a
// percentage of the place's level). Pure: the page checks the result as it
// checks a link (www/src/state.js `check`), and tests/scenario-file.test.mjs
// runs a save → open round trip of every instrument kind and driver.
import { MAX_SCENARIOS, REPLICATIONS, driverLevel, settingsOf } from './state.js';
import { customBase } from './scenario-json.js';

/** Why a file cannot be shown in the page: thrown with `key` (a text of www/src/i18n.js `errors`). */
export class FileRefused extends Error {
  constructor(key, detail = '') {
    super(detail ? `${key}: ${detail}` : key);
    this.key = key;
  }
}

/**
 * The settings of a normalised instrument config as the page keeps them:
 * the rows of its settings table, without those left out (null) and those
 * at their default (the editor shows the default); a choice the model
 * requires (no default) is kept.
 */
export function settingsOfConfig(catalogue, config) {
  const settings = {};
  for (const row of settingsOf(catalogue, config.kind)) {
    const v = config[row.name];
    if (v === null || v === undefined) continue;
    if (row.default !== null && row.default !== undefined && v === row.default) continue;
    settings[row.name] = v;
  }
  return settings;
}

/**
 * The page's scenario set with scenario file `s` (normalised JSON) opened
 * into it. `page`: { state, catalogue, presetScenarios, nationalMix,
 * firstYear }. A file of the same place keeps the page's scenarios and adds
 * the file's as the last; another place starts afresh. Throws FileRefused
 * when the page cannot show what the file holds.
 */
export function openScenarioFile(s, { state, catalogue, presetScenarios, nationalMix, firstYear }) {
  const next = structuredClone(state);
  let base;
  if (s.place) {
    if (typeof s.place === 'string') throw new FileRefused('placeFileRef');
    next.preset = 'custom';
    next.place = Object.fromEntries(Object.entries(s.place).filter(([, v]) => v !== null && v !== undefined));
    base = customBase(next.place, nationalMix, catalogue);
  } else {
    const preset = catalogue.presets.find((p) => p.id === s.preset || p.name === s.preset);
    if (!preset) throw new FileRefused('unknownPreset', String(s.preset));
    base = presetScenarios[preset.id];
    next.preset = preset.id;
    delete next.place;
  }
  // A file from 2011 lists the place's own instruments first; a file with a
  // history lists only the projection's.
  const extra = s.start_year > firstYear ? s.instruments : s.instruments.slice(base.instruments.length);
  next.years = Math.max(1, Math.round(s.horizon_months / 12));
  next.replications = Math.min(REPLICATIONS.max, Math.max(REPLICATIONS.min, s.replications));
  const same = next.preset === state.preset && JSON.stringify(next.place) === JSON.stringify(state.place);
  next.scenarios = same ? next.scenarios.slice(0, MAX_SCENARIOS - 1) : [{ name: '', instruments: [] }];
  // Driver paths become conditions, as percentages of the place's level.
  const levels = Object.fromEntries(catalogue.drivers.map((d) => [d.name, driverLevel(d, next.preset)]));
  const paths = s.drivers?.paths ?? [];
  if (paths.some((p) => !(levels[p.driver] > 0)) || s.drivers?.conditions === 'constant') throw new FileRefused('conditionsNotShown');
  const year = (month) => s.start_year + Math.floor(month / 12);
  next.scenarios.push({
    name: s.name,
    instruments: extra.map((inst) => ({ kind: inst.kind, start: year(inst.start_month ?? 0), end: inst.end_month == null ? null : year(inst.end_month), settings: settingsOfConfig(catalogue, inst) })),
    conditions: paths.map((p) => ({ driver: p.driver, from: p.from_year, pct: Math.round((10000 * p.value) / levels[p.driver]) / 100 })),
  });
  if (!next.scenarios.at(-1).conditions.length) delete next.scenarios.at(-1).conditions;
  return next;
}
