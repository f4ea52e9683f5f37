// Characters nobody means to type, and what each kind of field does with them. Controls (C0 but
// tab, LF and CR; DEL; C1) have no place in any text: PostgreSQL refuses NUL outright and XML 1.0
// cannot carry most of them, so they are stripped wherever text enters. In the single-line fields
// that name someone or something (display names, organisation names), bidi overrides and
// isolates, zero-width and other invisible format characters can make a name read as another:
// they are refused there with a field error, so the person sees and fixes their name rather than
// having it silently changed. File names, which people do not type, are cleaned instead.

// eslint-disable-next-line no-control-regex -- controls are what this pattern is for
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex -- controls are what this pattern is for
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// XML 1.0 allows tab, LF, CR and U+0020–U+D7FF, U+E000–U+FFFD and supplementary planes (pairs).
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- controls are what this pattern is for
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// What a name must not hide: Unicode format characters (Cf: bidi embeddings, overrides, isolates
// and marks, zero-width space, word joiner, BOM, tag characters…), every Default_Ignorable code
// point (Hangul fillers, combining grapheme joiner, Mongolian vowel separator, variation
// selectors, unassigned ignorables — all drawn as nothing), and the line and paragraph separators.
const HIDDEN = /[\p{Cf}\p{Default_Ignorable_Code_Point}\u2028\u2029]/u;
const HIDDEN_ALL = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2028\u2029]/gu;
// The exceptions, because they are part of how a name is written: zero-width (non-)joiners between
// two visible characters shape Persian, Indic and emoji text, and text or emoji presentation
// selectors (U+FE0E, U+FE0F) right after a pictograph choose how it is drawn.
// (A Hangul filler is a letter to Unicode, yet drawn as nothing: it does not count as visible.)
const VISIBLE = String.raw`[[\p{L}\p{M}\p{N}\p{Extended_Pictographic}]--[\p{Default_Ignorable_Code_Point}]]`;
const IN_WORD = String.raw`(?<=${VISIBLE})[\u200c\u200d](?=${VISIBLE})|(?<=\p{Extended_Pictographic})[\ufe0e\ufe0f]`;
const JOINER_IN_WORD = new RegExp(IN_WORD, 'gv');
const JOINER_AT = new RegExp(IN_WORD, 'vy');

/** Text without control characters, keeping tab, LF and CR (multi-line text). */
export function withoutControls(text: string): string {
  return text.replace(CONTROLS, '');
}

/**
 * Strings anywhere in a value (a parsed body, an imported file), without controls; objects are
 * cleaned in place, buffers and other values kept as they are.
 */
export function withoutControlsDeep<T>(value: T): T {
  if (typeof value === 'string') return withoutControls(value) as T;
  if (Array.isArray(value)) return value.map(withoutControlsDeep) as T;
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = withoutControlsDeep(record[key]);
  }
  return value;
}

export const hasControls = (text: string): boolean =>
  ANY_CONTROL.test(text.replace(/[\t\n\r]/g, ''));

/** Text XML 1.0 can carry: for feeds, whatever was stored before input was cleaned. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '');
}

/**
 * Why a single-line name cannot be kept as typed (a message key), or null: a control (a line
 * break included) or a character drawn as nothing, other than the joiner and presentation
 * exceptions above.
 */
export function identityTextProblem(text: string): 'input.invisibleCharacters' | null {
  return ANY_CONTROL.test(text) || HIDDEN.test(text.replace(JOINER_IN_WORD, ''))
    ? 'input.invisibleCharacters'
    : null;
}

/**
 * Text with controls and every character drawn as nothing removed (the exceptions above kept):
 * for file names, which people do not type, and names stored before the check.
 */
export function withoutHiddenCharacters(text: string): string {
  return text.replace(HIDDEN_ALL, (c: string, offset: number, whole: string) => {
    JOINER_AT.lastIndex = offset;
    return JOINER_AT.test(whole) ? c : '';
  });
}

/** A file name with controls and invisible characters removed (joiners in words kept). */
export function cleanFileName(name: string): string {
  return withoutHiddenCharacters(name).trim();
}
