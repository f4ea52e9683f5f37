// What a reader copies out of the PDF for Arabic. fontkit shapes a word into glyphs in visual
// (right-to-left) order, and a ligature glyph such as lam-alef stands for several characters;
// pdfkit's ToUnicode map records those characters in logical order ("لا"). Text extractors
// (pdf.js and Poppler's pdftotext, both checked) read a right-to-left line visually and then
// reverse it character by character, which reverses the ligature's characters too: "السلام"
// came back as "السالم", "الإنترنت" as "اإلنترنت" and "لا" as "ال". So a right-to-left glyph that
// stands for several characters is mapped to them in visual order, and the reader's reversal
// puts them back in logical order; single-character glyphs are unaffected.
//
// Marking each Arabic run with /ActualText (ISO 32000-1, 14.9.4) was tried first: pdf.js 4.x
// ignores it, and Poppler honours it but then reverses the replacement text as if it were
// visual ("الإنترنت" → "تنرتنإلا"), so it made things worse and is not used.
//
// pdfkit has no option for this, so the one method that writes the map is wrapped on the Arabic
// fonts (`_font` and `unicode` are pdfkit internals, checked at run time here and by the
// read-back test in report-formats.test.ts).
import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;

interface EmbeddedFontInternals {
  unicode: number[][];
  toUnicodeCmap(): unknown;
}

const RTL_CHARACTER = /[\p{Script=Arabic}\p{Script=Hebrew}]/u;
const patched = new WeakSet<object>();

function isRtlLigature(codePoints: readonly number[]): boolean {
  return (
    codePoints.length > 1 && codePoints.some((c) => RTL_CHARACTER.test(String.fromCodePoint(c)))
  );
}

/** Maps the current font's right-to-left multi-character glyphs in visual order when it is embedded. */
export function mapLigaturesVisually(doc: Doc): void {
  const font = (doc as unknown as { _font?: Partial<EmbeddedFontInternals> })._font;
  if (!font || patched.has(font)) return;
  const { toUnicodeCmap, unicode } = font;
  if (typeof toUnicodeCmap !== 'function' || !Array.isArray(unicode)) {
    throw new Error('pdfkit no longer exposes the ToUnicode map of embedded fonts');
  }
  patched.add(font);
  font.toUnicodeCmap = function (this: EmbeddedFontInternals) {
    this.unicode = this.unicode.map((cps) => (isRtlLigature(cps) ? [...cps].reverse() : cps));
    return toUnicodeCmap.call(this);
  };
}
