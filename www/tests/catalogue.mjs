// A catalogue of the real shape (the page gets it from the model, crate/wasm.rs
// `catalogue`), small enough to read: the fixture of the state tests.
export const catalogue = {
  data_year: 2026,
  presets: [{ id: 'sverige' }, { id: 'karlstad' }, { id: 'uppsala' }],
  place_fields: [
    { name: 'population', min: 1000, max: 11000000, required: true, unit: 'residents', whole: true, percent: false },
    { name: 'rental_share_pct', min: 0, max: 100, required: true, unit: '%', whole: false, percent: true },
    { name: 'coop_share_pct', min: 0, max: 100, required: true, unit: '%', whole: false, percent: true },
    { name: 'owner_share_pct', min: 0, max: 100, required: true, unit: '%', whole: false, percent: true },
    { name: 'homeless_per_10k', min: 0, max: 500, required: false, unit: 'per 10,000', whole: false, percent: false },
    { name: 'homeless_count_year', min: 2011, max: 2025, required: false, unit: 'year, in the history', whole: true, percent: false },
  ],
  instruments: [
    { kind: 'housing_first', settings: [{ name: 'places', type: 'whole', min: 0, max: 1000000, default: 30, role: 'count', sized_to: 'support_needs' }, { name: 'support_cost_sek_month', type: 'number', min: 0, max: 100000, default: 9000, role: 'money', sized_to: null }] },
    { kind: 'rent_guarantee', settings: [{ name: 'guarantee_kind', type: 'choice', options: ['assistance', 'own_income'], default: null, role: 'choice', sized_to: null }, { name: 'guarantees_in_force', type: 'optional', min: 0, max: 100000, role: 'in_force', sized_to: 'place' }], told_apart_by: ['guarantee_kind'], covers: null },
    { kind: 'outreach', settings: [{ name: 'prioritise_groups', type: 'flag', default: true, role: 'flag', sized_to: null }] },
  ],
  drivers: [
    { name: 'completions_per_1000', min: 0, max: 20, levels: { sverige: 4.0, karlstad: 4.0, uppsala: 7.0 } },
    { name: 'unemployment_pct', min: 0.5, max: 40, levels: { sverige: 9.3, karlstad: 9.3, uppsala: 9.3 } },
    { name: 'population_growth_pct', min: -5, max: 5, levels: { sverige: 0.34, karlstad: 0.4 } },
  ],
};
