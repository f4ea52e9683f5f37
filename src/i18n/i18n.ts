// Interface strings: ICU MessageFormat messages per language, compiled once and cached.
// Messages live in messages/<locale>/<namespace>.json, one namespace per area of the product, so
// translators and features work on separate files. English files are imported for the key type.
import { readFileSync, readdirSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import type enAnonymousMail from './messages/en/anonymous-mail.json';
import type enAccountsTokens from './messages/en/accounts-tokens.json';
import type enAccountProtection from './messages/en/account-protection.json';
import type enApi from './messages/en/api.json';
import type enAttachmentsCleaning from './messages/en/attachments-cleaning.json';
import type enCleaningPool from './messages/en/cleaning-pool.json';
import type enConsultations from './messages/en/consultations.json';
import type enCore from './messages/en/core.json';
import type enDeliberation from './messages/en/deliberation.json';
import type enLimits from './messages/en/limits.json';
import type enInput from './messages/en/input.json';
import type enOpenData from './messages/en/open-data.json';
import type enParticipation from './messages/en/participation.json';
import type enReports from './messages/en/reports.json';
import type enReportFigures from './messages/en/report-figures.json';
import type enReportVersions from './messages/en/report-versions.json';
import type enSecretariat from './messages/en/secretariat.json';
import type enSubmissionTimes from './messages/en/submission-times.json';
import { LOCALES, type Locale, isLocale } from './locales.ts';
import { dateTimeFormat, numberFormat } from './formatters.ts';

export type MessageKey =
  | keyof typeof enCore
  | keyof typeof enConsultations
  | keyof typeof enSecretariat
  | keyof typeof enParticipation
  | keyof typeof enReports
  | keyof typeof enReportFigures
  | keyof typeof enReportVersions
  | keyof typeof enAnonymousMail
  | keyof typeof enApi
  | keyof typeof enOpenData
  | keyof typeof enDeliberation
  | keyof typeof enLimits
  | keyof typeof enInput
  | keyof typeof enAccountsTokens
  | keyof typeof enAttachmentsCleaning
  | keyof typeof enSubmissionTimes
  | keyof typeof enAccountProtection
  | keyof typeof enAttachmentsCleaning
  | keyof typeof enCleaningPool;
export type MessageValues = Record<string, string | number | Date>;
export type Translate = (key: MessageKey, values?: MessageValues) => string;

const messagesDir = new URL('./messages/', import.meta.url);

/** The namespace files of one locale, in a stable order. */
export function namespaceFiles(locale: Locale): string[] {
  return readdirSync(new URL(`${locale}/`, messagesDir))
    .filter((f) => f.endsWith('.json'))
    .sort();
}

function loadCatalog(locale: Locale): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const file of namespaceFiles(locale))
    Object.assign(
      merged,
      JSON.parse(readFileSync(new URL(`${locale}/${file}`, messagesDir), 'utf8')) as Record<
        string,
        string
      >,
    );
  return merged;
}

export const catalogs = Object.fromEntries(LOCALES.map((l) => [l, loadCatalog(l)])) as Record<
  Locale,
  Record<string, string>
>;
const en = catalogs.en;

const compiled = new Map<string, IntlMessageFormat>();

function format(locale: Locale, key: MessageKey, values?: MessageValues): string {
  const cacheKey = `${locale}\u0000${key}`;
  let message = compiled.get(cacheKey);
  if (!message) {
    // A key missing in a translation falls back to English; the i18n test keeps that from shipping.
    const source = catalogs[locale][key] ?? en[key] ?? key;
    message = new IntlMessageFormat(source, locale);
    compiled.set(cacheKey, message);
  }
  return String(message.format(values));
}

export function translator(locale: Locale): Translate {
  return (key, values) => format(locale, key, values);
}

/** Picks the best interface language from an Accept-Language header. */
export function negotiateLocale(acceptLanguage: string | undefined, fallback: Locale): Locale {
  if (!acceptLanguage) return fallback;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    if (isLocale(base)) return base;
  }
  return fallback;
}

export function formatDate(locale: Locale, iso: string, withTime = false): string {
  const options: Intl.DateTimeFormatOptions = withTime
    ? { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }
    : { dateStyle: 'long', timeZone: 'UTC' };
  return dateTimeFormat(locale, options).format(new Date(iso));
}

export function formatNumber(locale: Locale, value: number): string {
  return numberFormat(locale).format(value);
}

export { LOCALES };
