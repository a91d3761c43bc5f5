/**
 * Nunjucks over our views and GOV.UK Frontend's templates and macros, with the few filters the
 * pages share (dates as GOV.UK writes them: 24 November 2026).
 */
import { dirname, join } from 'node:path';
import { Express } from 'express';
import nunjucks from 'nunjucks';
import { isIsoDate } from '../workflows/calendar/iso-date';

export const GOVUK_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 2026-11-24 -> 24 November 2026 (anything else as it came). */
export function govukDate(iso: unknown): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso ?? ''));
  if (!m) return iso == null ? '' : String(iso);
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/**
 * Dates inside a sentence the workflows wrote ("counted from 2026-11-02", "done on 2026-11-02") in
 * words: "counted from 2 November 2026". Only real dates: "2014-02-31" typed in a refused form stays.
 */
export function datesInWords(text: unknown): string {
  if (text == null) return '';
  return String(text).replace(/(?<![\d-])(\d{4}-\d{2}-\d{2})(?![\d-])/g, (d) => (isIsoDate(d) ? govukDate(d) : d));
}

export function nunjucksSetup(app: Express): nunjucks.Environment {
  const env = nunjucks.configure([join(__dirname, 'views'), GOVUK_DIST], { autoescape: true, express: app, noCache: false });
  app.set('view engine', 'njk');
  env.addFilter('govukDate', govukDate);
  env.addFilter('datesInWords', datesInWords);
  env.addFilter('plural', (n: number, one: string, many?: string) => `${n} ${n === 1 ? one : (many ?? `${one}s`)}`);
  return env;
}
