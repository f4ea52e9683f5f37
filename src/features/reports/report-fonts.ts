// The fonts embedded in PDF exports, shipped by npm packages so `npm install` brings them:
// Noto Sans (Latin, Greek, Cyrillic), Noto Naskh Arabic and Noto Sans SC (Hans), all SIL OFL.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Script } from './pdf-layout.ts';

const require = createRequire(import.meta.url);

function fontFile(pkg: string, file: string): string {
  // The packages' entry points live in dist/; the font files beside it in fonts/.
  return join(dirname(require.resolve(pkg)), '..', 'fonts', file);
}

export const FONT_FILES: Record<Script, { regular: string; bold: string }> = {
  latin: {
    regular: fontFile('@embedpdf/fonts-latin', 'NotoSans-Regular.ttf'),
    bold: fontFile('@embedpdf/fonts-latin', 'NotoSans-Bold.ttf'),
  },
  arabic: {
    regular: fontFile('@embedpdf/fonts-arabic', 'NotoNaskhArabic-Regular.ttf'),
    bold: fontFile('@embedpdf/fonts-arabic', 'NotoNaskhArabic-Bold.ttf'),
  },
  cjk: {
    regular: fontFile('@embedpdf/fonts-sc', 'NotoSansHans-Regular.otf'),
    bold: fontFile('@embedpdf/fonts-sc', 'NotoSansHans-Bold.otf'),
  },
};

/** Font family names DOCX files ask the reader's word processor for, per script. */
export const DOCX_FONTS = {
  ascii: 'Noto Sans',
  hAnsi: 'Noto Sans',
  cs: 'Noto Naskh Arabic',
  eastAsia: 'Noto Sans SC',
};
