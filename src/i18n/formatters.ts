// Intl formatters are costly to build and cheap to reuse: every page formats dates, numbers and
// language names many times, so they are cached per locale and options.
const cache = new Map<string, unknown>();

function cached<T>(kind: string, locale: string, options: object, make: () => T): T {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let value = cache.get(key) as T | undefined;
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

export function dateTimeFormat(
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  return cached('dt', locale, options, () => new Intl.DateTimeFormat(locale, options));
}

export function numberFormat(
  locale: string,
  options: Intl.NumberFormatOptions = {},
): Intl.NumberFormat {
  return cached('nf', locale, options, () => new Intl.NumberFormat(locale, options));
}

export function displayNames(locale: string, type: Intl.DisplayNamesType): Intl.DisplayNames {
  return cached('dn', locale, { type }, () => new Intl.DisplayNames([locale], { type }));
}

export function wordSegmenter(locale: string): Intl.Segmenter {
  return cached('seg', locale, {}, () => new Intl.Segmenter(locale, { granularity: 'word' }));
}
