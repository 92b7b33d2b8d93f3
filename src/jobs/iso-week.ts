/**
 * ISO 8601 weeks: a week runs Monday to Sunday and belongs to the year of its Thursday, so 2020-12-31 is in
 * 2020-W53 and 2021-01-03 too, while 2025-12-29 is already in 2026-W01. A year has 53 weeks when it starts on a
 * Thursday, or on a Wednesday in a leap year; otherwise 52.
 */
import { appError, IsoWeekSchema, type IsoWeek } from '../domain/index.js';

const DAY_MS = 86_400_000;

/** The time zone whose calendar decides "this week" (i-CON members are in Korea; servers usually run on UTC). */
export const DIGEST_TIME_ZONE = 'Asia/Seoul';

/** The ISO week of a calendar date given as a UTC midnight (only its year, month and day count). */
export function isoWeekOfDate(date: Date): IsoWeek {
  const day = date.getUTCDay() === 0 ? 7 : date.getUTCDay(); // Monday 1 … Sunday 7
  const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 4 - day));
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return formatIsoWeek(year, week);
}

/** The ISO week in which the instant `now` falls on the calendar of `timeZone`. */
export function currentIsoWeek(now: Date = new Date(), timeZone: string = DIGEST_TIME_ZONE): IsoWeek {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return isoWeekOfDate(new Date(Date.UTC(get('year'), get('month') - 1, get('day'))));
}

/** 52 or 53: the week number of 28 December, which always lies in the year's last ISO week. */
export function weeksInIsoYear(year: number): number {
  return Number(isoWeekOfDate(new Date(Date.UTC(year, 11, 28))).slice(6));
}

/** Parses `2026-W48`; a malformed string or a week the year does not have (2026-W53) is `VALIDATION_FAILED`. */
export function parseIsoWeek(text: string, label = 'week'): IsoWeek {
  const r = IsoWeekSchema.safeParse(text);
  if (!r.success) throw appError('VALIDATION_FAILED', { detail: `${label}: "${text}" is not an ISO week such as 2026-W48` });
  const { year, week } = splitIsoWeek(r.data);
  const last = weeksInIsoYear(year);
  if (week > last) throw appError('VALIDATION_FAILED', { detail: `${label}: ${text} does not exist (${year} has ${last} ISO weeks)` });
  return r.data;
}

/** The Monday (UTC midnight) that starts the week: week 1 is the week holding 4 January. */
export function mondayOfIsoWeek(w: IsoWeek): Date {
  const { year, week } = splitIsoWeek(w);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const jan4Day = jan4.getUTCDay() === 0 ? 7 : jan4.getUTCDay();
  return new Date(jan4.getTime() + ((week - 1) * 7 - (jan4Day - 1)) * DAY_MS);
}

/** The week `n` weeks after `w` (before it when `n` is negative), across year boundaries. */
export function addIsoWeeks(w: IsoWeek, n: number): IsoWeek {
  return isoWeekOfDate(new Date(mondayOfIsoWeek(w).getTime() + n * 7 * DAY_MS));
}

function splitIsoWeek(w: IsoWeek): { year: number; week: number } {
  return { year: Number(w.slice(0, 4)), week: Number(w.slice(6)) };
}

function formatIsoWeek(year: number, week: number): IsoWeek {
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}
