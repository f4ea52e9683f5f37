// The one CSV writer of the platform (open-data exports, Pol.is exports): csv-stringify's RFC 4180
// quoting, plus formula neutralisation as OWASP's CSV-injection guidance asks. Anyone can write a
// submission or a statement, and the files are opened in spreadsheets by others: a text cell a
// spreadsheet would run ("=HYPERLINK(…)", "+cmd|…", "@SUM(…)", also after leading spaces) gets a
// leading apostrophe and is quoted. Only text is touched: numbers (a -1 vote) are written as
// numbers, so a numeric column stays numeric.
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | boolean | null | undefined;

// A formula starter (ASCII or full-width, which some spreadsheets read the same), at the start or
// after whitespace; or a tab, CR or LF at the very start.
const FORMULA = /^(?:\s*[=+\-@\uff1d\uff0b\uff0d\uff20]|[\t\r\n])/;
// Apostrophes already in front of a formula get one more, so restoring is exact (see below).
const NEUTRALISED = /^'+/;

/** The cell as written: a text a spreadsheet would evaluate gets a leading apostrophe. */
export function neutraliseCell(text: string): string {
  return FORMULA.test(text.replace(NEUTRALISED, '')) ? `'${text}` : text;
}

/**
 * The exact text before neutraliseCell, for importers reading files the platform wrote: one
 * apostrophe less in front of a formula. neutraliseCell adds one to any run of apostrophes before
 * a formula, so restoreCell(neutraliseCell(x)) === x for every x.
 */
export function restoreCell(text: string): string {
  return text.startsWith("'") && FORMULA.test(text.replace(NEUTRALISED, '')) ? text.slice(1) : text;
}

/** CSV text of the rows (the header is the first row); a UTF-8 byte-order mark on request. */
export function csvText(
  rows: readonly (readonly CsvCell[])[],
  options: { bom?: boolean } = {},
): string {
  return stringify(rows as CsvCell[][], {
    bom: options.bom ?? false,
    cast: { string: neutraliseCell, boolean: (value) => (value ? 'true' : 'false') },
    // OWASP: a neutralised cell is also quoted.
    quoted_match: /^'/,
  });
}
