// The interface catalogues: every language has exactly English's keys, every message is valid ICU
// MessageFormat in its language with the same arguments as English, nothing is left untranslated
// by accident, and every key is used by the source (and every key the source uses exists).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { catalogs, namespaceFiles } from './i18n.ts';
import { LOCALES } from './locales.ts';

const { en: english, ...translations } = catalogs;

test('every language has the same namespace files', () => {
  for (const locale of LOCALES)
    assert.deepEqual(namespaceFiles(locale), namespaceFiles('en'), locale);
});
const all: Record<string, Record<string, string>> = { en: english, ...translations };

/**
 * Messages that are rightly spelled as in English in a given language. Keep this list short:
 * anything else identical to English is a string someone forgot to translate.
 */
const SAME_AS_ENGLISH: Record<string, readonly string[]> = {
  fr: [
    'figures.small', // < {k}
    ...['nav.admin', 'admin.title', 'org.actions', 'region.europe'], // Administration, Actions, Europe
    // Consultation(s), Phase, Documents, Date, Publication, Organisation, Notifications, Action
    ...['nav.consultations', 'consult.list.title', 'secretariat.consultations.title'],
    ...['my.submissions.consultation', 'search.kind.consultation'],
    ...['consult.filter.phase', 'consult.facts.phase', 'secretariat.dashboard.phase'],
    ...[
      'secretariat.documents.title',
      'secretariat.milestone.date',
      'secretariat.milestone.publication',
    ],
    ...['secretariat.accreditation.organisation', 'notifications.title', 'transparency.action'],
  ],
  es: [
    ...['profile.disability.no', 'region.asia', 'errors.titlePrefix'], // No, Asia, Error:
    ...['cosign.line', 'attachments.sizeMb', 'attachments.sizeKb'], // {organisation}: {status}, {size} MB, {size} KB
    'api.tokens.value', // Token
    'figures.small', // < {k}
  ],
  ar: ['cosign.line', 'figures.small'], // {organisation}: {status}, < {k}
  zh: ['attachments.sizeMb', 'attachments.sizeKb', 'figures.small'], // {size} MB, {size} KB, < {k}
  ru: ['cosign.line', 'figures.small'], // {organisation}: {status}, < {k}
};

/** The key families: a quoted string `family.something` in the source is a message key. */
const FAMILIES = [...new Set(Object.keys(english).map((k) => k.split('.')[0]))].join('|');
const KEY_LIKE = new RegExp(`^(${FAMILIES})\\.[A-Za-z0-9_.]+$`);
const QUOTED_KEY_LIKE = new RegExp(`(['"])((?:${FAMILIES})\\.[A-Za-z0-9_.]+)\\1`, 'g');

const srcDir = fileURLToPath(new URL('..', import.meta.url));
const messagesDir = fileURLToPath(new URL('./messages', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === messagesDir ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Argument names a message uses, including those of plural/select and the messages nested in them. */
function argumentNames(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    switch (el.type) {
      case TYPE.argument:
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        into.add(el.value);
        break;
      case TYPE.select:
      case TYPE.plural:
        into.add(el.value);
        for (const option of Object.values(el.options)) argumentNames(option.value, into);
        break;
      case TYPE.tag:
        into.add(el.value);
        argumentNames(el.children, into);
        break;
      default:
        break; // literal text and the plural `#`
    }
  }
  return into;
}

/** Problems with the plural selectors of a message: each must be `=n` or one of the language's categories. */
function pluralProblems(elements: MessageFormatElement[], locale: string): string[] {
  const categories = new Set<string>(
    new Intl.PluralRules(locale).resolvedOptions().pluralCategories,
  );
  const problems: string[] = [];
  const walk = (els: MessageFormatElement[]) => {
    for (const el of els) {
      if (el.type === TYPE.plural) {
        for (const selector of Object.keys(el.options)) {
          if (!/^=\d+$/.test(selector) && !categories.has(selector)) {
            problems.push(
              `{${el.value}} has "${selector}", not a plural category of ${locale} (${[...categories].join(', ')})`,
            );
          }
        }
      }
      if (el.type === TYPE.plural || el.type === TYPE.select)
        for (const o of Object.values(el.options)) walk(o.value);
      if (el.type === TYPE.tag) walk(el.children);
    }
  };
  walk(elements);
  return problems;
}

function sampleValues(elements: MessageFormatElement[]): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  const walk = (els: MessageFormatElement[]) => {
    for (const el of els) {
      if (el.type === TYPE.argument) values[el.value] ??= 'x';
      if (el.type === TYPE.number || el.type === TYPE.plural) values[el.value] = 48;
      if (el.type === TYPE.plural || el.type === TYPE.select)
        for (const o of Object.values(el.options)) walk(o.value);
      if (el.type === TYPE.tag) walk(el.children);
    }
  };
  walk(elements);
  return values;
}

const sorted = (s: Iterable<string>) => [...s].sort();

for (const [locale, messages] of Object.entries(translations)) {
  test(`${locale}: has exactly the keys of en, in the same order`, () => {
    const missing = Object.keys(english).filter((k) => !(k in messages));
    const extra = Object.keys(messages).filter((k) => !(k in english));
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
    assert.deepEqual(Object.keys(messages), Object.keys(english), 'same order as en.json');
  });

  test(`${locale}: every message uses the same arguments as English`, () => {
    const mismatches: string[] = [];
    for (const [key, source] of Object.entries(english)) {
      const target = messages[key];
      if (target === undefined) continue; // reported by the key test
      const want = sorted(argumentNames(parse(source)));
      let got: string[];
      try {
        got = sorted(argumentNames(parse(target)));
      } catch {
        continue; // reported by the syntax test
      }
      if (want.join() !== got.join())
        mismatches.push(`${key}: en {${want.join('}, {')}} but ${locale} {${got.join('}, {')}}`);
    }
    assert.deepEqual(mismatches, []);
  });

  test(`${locale}: nothing is left in English unless listed as the same in both`, () => {
    const allowed = new Set(SAME_AS_ENGLISH[locale] ?? []);
    const untranslated = Object.keys(english).filter(
      (k) => messages[k] === english[k] && !allowed.has(k),
    );
    assert.deepEqual(untranslated, []);
    const stale = [...allowed].filter((k) => messages[k] !== english[k]);
    assert.deepEqual(stale, [], 'allow-list entries that are now translated can be removed');
  });
}

for (const [locale, messages] of Object.entries(all)) {
  test(`${locale}: every message is valid ICU MessageFormat and formats`, () => {
    const problems: string[] = [];
    for (const [key, message] of Object.entries(messages)) {
      try {
        const ast = parse(message, { requiresOtherClause: true });
        problems.push(...pluralProblems(ast, locale).map((p) => `${key}: ${p}`));
        const out = new IntlMessageFormat(message, locale).format(sampleValues(ast));
        if (typeof out !== 'string' || out.length === 0)
          problems.push(`${key}: formats to ${String(out)}`);
      } catch (error) {
        problems.push(`${key}: ${(error as Error).message}`);
      }
    }
    assert.deepEqual(problems, []);
  });
}

test('every key of en.json is used by the source, and every key the source uses is in en.json', () => {
  const texts = sourceFiles(srcDir).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  const unused = Object.keys(english).filter(
    (k) => !texts.some(({ text }) => text.includes(`'${k}'`) || text.includes(`"${k}"`)),
  );
  const unknown = new Set<string>();
  for (const { file, text } of texts) {
    for (const match of text.matchAll(QUOTED_KEY_LIKE)) {
      const key = match[2] ?? '';
      if (KEY_LIKE.test(key) && !(key in english))
        unknown.add(`${key} (${relative(srcDir, file).split(sep).join('/')})`);
    }
  }
  assert.deepEqual({ unused, unknown: sorted(unknown) }, { unused: [], unknown: [] });
});
