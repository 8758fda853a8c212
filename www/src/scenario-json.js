// The scenario files the page runs, as the model reads them (JSON): each
// scenario of the page's state with the place's history, and the baseline
// of a custom place (the national mix of instruments, scaled). Pure
// (tests/state.test.mjs).
import { growsWithPlace, instrumentOf } from './roles.js';

/**
 * The baseline scenario of a custom place: the national preset's instrument
 * mix (an average municipality's social contracts, guarantees, Housing First
 * and outreach) scaled to the place's population — every setting whose row
 * in `catalogue` says it is for the whole municipality (a count, a stock in
 * force, a volume), in its settings and its recorded volumes by year; the
 * count includes situation 3, which only instruments hold — as its
 * instruments since 2011 (see `scenarioJson`), at a scale
 * that simulates about 60,000 residents.
 */
export function customBase(place, national, catalogue) {
  const scale = Math.min(1, Math.ceil((60000 / place.population) * 100) / 100);
  const k = place.population / national.population;
  const scaled = (kind, values) => {
    const out = { ...values };
    for (const row of instrumentOf(catalogue, kind)?.settings ?? []) {
      if (growsWithPlace(row) && typeof out[row.name] === 'number') out[row.name] = Math.round(out[row.name] * k * 100) / 100;
    }
    return out;
  };
  // Its recorded volumes by year too: they are the country's.
  const instruments = (national.scenario?.instruments ?? []).map((inst) => {
    const out = scaled(inst.kind, inst);
    if (Array.isArray(inst.volumes)) out.volumes = inst.volumes.map((v) => scaled(inst.kind, v));
    return out;
  });
  return { name: '', place, scale, start_year: 2011, horizon_months: 120, seed: 2011, replications: 10, params: {}, instruments };
}

/**
 * The scenario file (JSON) of scenario `i` of `state`: the municipality's
 * history from 2011 with its recorded instruments (a preset's from its
 * scenario file, read by the model; a custom place's the scaled national
 * mix), then from January of `dataYear` the recorded instruments going on
 * plus the scenario's added ones and its conditions (driver paths, each
 * its percentage of the place's level in `levels`, keyed by driver name),
 * for the state's years, with its replications.
 */
export function scenarioJson(state, i, presetScenario, baselineName, dataYear, levels = {}) {
  const { instruments: recorded, ...base } = presetScenario;
  const s = state.scenarios[i];
  const horizon = state.years * 12;
  const added = s.instruments.map((inst) => {
    const cfg = { kind: inst.kind, ...inst.settings, start_month: Math.max(0, (inst.start - dataYear) * 12) };
    if (inst.end !== null) cfg.end_month = (inst.end - dataYear) * 12;
    return cfg;
  }).filter((cfg) => cfg.start_month < horizon)
    .map((cfg) => (cfg.end_month !== undefined && cfg.end_month > horizon ? { ...cfg, end_month: horizon } : cfg));
  const out = {
    ...base,
    name: i === 0 ? baselineName : s.name || `Scenario ${i}`,
    start_year: dataYear,
    horizon_months: horizon,
    replications: state.replications,
    instruments: added,
  };
  if (base.place) out.history_instruments = recorded;
  const paths = (s.conditions ?? []).map((c) => ({ driver: c.driver, from_year: c.from, value: (levels[c.driver] * c.pct) / 100 }));
  if (paths.length) out.drivers = { ...(base.drivers ?? {}), paths: [...(base.drivers?.paths ?? []), ...paths] };
  return JSON.stringify(out);
}
