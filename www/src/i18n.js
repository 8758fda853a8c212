// Swedish (default) and English texts of the dashboard, one module per
// language (www/src/i18n-sv.js, i18n-en.js), and the names of the model's
// instruments, drivers, units and choices in both. Domain terms keep their
// Swedish names where they are the real names (see docs/glossary.md).
import { SV } from './i18n-sv.js';
import { EN } from './i18n-en.js';

export const TEXT = { sv: SV, en: EN };

export const INSTRUMENT_LABELS = {
  sv: {
    vacancy_quota: 'Förturskvot (samverkansavtal)', municipal_stock: 'Kommunens eget bestånd', new_production: 'Nyproduktion',
    social_contract: 'Sociala kontrakt', staircase: 'Boendetrappa', housing_first: 'Bostad först', short_contract: 'Korttidskontrakt med borgen',
    rent_guarantee: 'Kommunal hyresgaranti', outreach: 'Vräkningsförebyggande arbete', shelter_guarantee: 'Tak över huvudet-garanti',
    assistance_as_income: 'Försörjningsstöd räknas som inkomst', state_levers: 'Statliga spakar (bostadsbidrag, norm)',
  },
  en: {
    vacancy_quota: 'Vacancy quota (cooperation agreement)', municipal_stock: 'Municipal stock', new_production: 'New production',
    social_contract: 'Social contracts', staircase: 'Staircase (boendetrappa)', housing_first: 'Housing First (Bostad först)',
    short_contract: 'Short contracts with surety', rent_guarantee: 'Rent guarantee (hyresgaranti)', outreach: 'Eviction prevention outreach',
    shelter_guarantee: 'Shelter guarantee (tak över huvudet)', assistance_as_income: 'Social assistance accepted as income',
    state_levers: 'State levers (housing allowance, norm)',
  },
};

// The drivers a scenario can change from a year on (crate/drivers.rs).
export const DRIVER_LABELS = {
  sv: {
    population_growth_pct: 'Befolkningstillväxt', completions_per_1000: 'Bostadsbyggande', unemployment_pct: 'Arbetslöshet',
    assistance_households_per_1000: 'Hushåll med ekonomiskt bistånd', newly_arrived_index: 'Mottagna nyanlända', rent_index: 'Hyresnivå',
    assistance_norm_sek: 'Riksnormen (försörjningsstöd)', housing_allowance_index: 'Bostadsbidragets gränser',
  },
  en: {
    population_growth_pct: 'Population growth', completions_per_1000: 'Construction', unemployment_pct: 'Unemployment',
    assistance_households_per_1000: 'Households on social assistance', newly_arrived_index: 'Newly arrived received', rent_index: 'Rent level',
    assistance_norm_sek: 'Assistance norm (riksnorm)', housing_allowance_index: 'Housing allowance limits',
  },
};

// Units of the settings table in Swedish (English: the table's own).
export const UNIT_LABELS = {
  sv: {
    share: 'andel', 'per year': 'per år', months: 'månader', 'SEK/month': 'kr/mån', SEK: 'kr', 'SEK/night': 'kr/natt', flats: 'lägenheter',
    'flats/year': 'lägenheter/år', tenancies: 'hyresavtal', 'dwellings/year': 'bostäder/år', '× stock rent': '× beståndets hyra',
    'contracts/year': 'kontrakt/år', agreements: 'avtal', guarantees: 'garantier', 'months of rent': 'månadshyror', 'contacts/year': 'kontakter/år',
    factor: 'faktor', contracts: 'kontrakt',
    '% per year': '% per år', 'dwellings per 1,000 residents per year': 'bostäder per 1 000 invånare och år', '% of the labour force': '% av arbetskraften',
    'households per 1,000 residents': 'hushåll per 1 000 invånare', 'index, 2011 = 100': 'index, 2011 = 100', 'index, 2011 = 100 (nominal)': 'index, 2011 = 100 (löpande priser)',
    'SEK/month (single adult, nominal)': 'kr/mån (ensamstående vuxen, löpande priser)',
    residents: 'invånare', 'per 10,000 residents': 'per 10 000 invånare', 'evictions a year': 'vräkningar per år', 'relative to Sweden': 'relativt riket',
    'per 1,000 residents': 'per 1 000 invånare', '%': '%', 'index, limits of 2011 = 100 (nominal)': 'index, gränserna 2011 = 100 (löpande priser)',
  },
  en: {},
};

// Names of the choices of choice settings.
export const OPTION_LABELS = {
  sv: {
    first_hand: 'Förstahandskontrakt', second_hand: 'Andrahandskontrakt', public: 'Allmännyttan', private: 'Privata hyresvärdar', all: 'Alla hyresvärdar',
    assistance: 'Hushåll med försörjningsstöd', own_income: 'Hushåll med egen inkomst',
  },
  en: {
    first_hand: 'First-hand contract', second_hand: 'Second-hand contract', public: 'Public housing company', private: 'Private landlords', all: 'All landlords',
    assistance: 'Households on social assistance', own_income: 'Households with their own income',
  },
};
