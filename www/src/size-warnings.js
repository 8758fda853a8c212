// Soft warnings beside a setting: a size larger than the place makes sense
// of (more places than homeless persons); the run goes on. Checked again
// when a run is done, against the place as the model then holds it.
import { countedRate, fmt, modelledNow, placeInfo, store, subscribe, t } from './store.js';

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
  return v > n ? t().moreThanHomeless(fmt(v, 0), fmt(n, 0), countedRate().year) : '';
}
