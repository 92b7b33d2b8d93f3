import { describe, expect, it } from 'vitest';
import { addIsoWeeks, currentIsoWeek, isoWeekOfDate, mondayOfIsoWeek, parseIsoWeek, weeksInIsoYear } from '../../src/jobs/iso-week.js';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('ISO weeks', () => {
  it('puts the days around New Year in the year of their Thursday', () => {
    // 2020 began on a Wednesday in a leap year, so it has 53 weeks; 2021-01-03 (a Sunday) still belongs to them.
    expect(isoWeekOfDate(day('2020-12-28'))).toBe('2020-W53');
    expect(isoWeekOfDate(day('2020-12-31'))).toBe('2020-W53');
    expect(isoWeekOfDate(day('2021-01-03'))).toBe('2020-W53');
    expect(isoWeekOfDate(day('2021-01-04'))).toBe('2021-W01');
    // 2026-W01 starts on Monday 2025-12-29: the last days of 2025 are already in 2026's first week.
    expect(isoWeekOfDate(day('2025-12-28'))).toBe('2025-W52');
    expect(isoWeekOfDate(day('2025-12-29'))).toBe('2026-W01');
    expect(isoWeekOfDate(day('2026-01-04'))).toBe('2026-W01');
    expect(isoWeekOfDate(day('2026-11-23'))).toBe('2026-W48');
    expect(isoWeekOfDate(day('2026-11-29'))).toBe('2026-W48');
  });

  it('knows which years have 53 weeks', () => {
    // 53 weeks: years starting on a Thursday (2015, 2026), or on a Wednesday in a leap year (2020, 2032).
    expect([2015, 2020, 2026, 2032].map(weeksInIsoYear)).toEqual([53, 53, 53, 53]);
    expect([2021, 2024, 2025, 2027].map(weeksInIsoYear)).toEqual([52, 52, 52, 52]);
  });

  it('finds the Monday of a week, and moves across year boundaries', () => {
    expect(mondayOfIsoWeek('2026-W01').toISOString().slice(0, 10)).toBe('2025-12-29');
    expect(mondayOfIsoWeek('2020-W53').toISOString().slice(0, 10)).toBe('2020-12-28');
    expect(mondayOfIsoWeek('2026-W48').toISOString().slice(0, 10)).toBe('2026-11-23');
    expect(addIsoWeeks('2021-W02', -2)).toBe('2020-W53');
    expect(addIsoWeeks('2020-W53', 1)).toBe('2021-W01');
    expect(addIsoWeeks('2026-W02', -4)).toBe('2025-W50');
    expect(addIsoWeeks('2026-W48', 0)).toBe('2026-W48');
  });

  it('agrees with a day-by-day count over twenty years', () => {
    // Every day from 2015 to 2034: the week number either stays or goes up by one on Mondays, restarting at W01.
    let prev = isoWeekOfDate(day('2014-12-29'));
    expect(prev).toBe('2015-W01');
    for (let t = day('2014-12-30').getTime(); t < day('2035-01-01').getTime(); t += 86_400_000) {
      const d = new Date(t);
      const w = isoWeekOfDate(d);
      if (d.getUTCDay() === 1) expect(w).toBe(addIsoWeeks(prev, 1));
      else expect(w).toBe(prev);
      expect(isoWeekOfDate(mondayOfIsoWeek(w))).toBe(w);
      prev = w;
    }
  });

  it('takes "this week" from the Korean calendar, not UTC', () => {
    // Sunday 2026-11-29 23:30 UTC is already Monday 08:30 in Seoul.
    const instant = new Date('2026-11-29T23:30:00Z');
    expect(currentIsoWeek(instant, 'UTC')).toBe('2026-W48');
    expect(currentIsoWeek(instant)).toBe('2026-W49');
  });

  it('rejects malformed weeks and weeks the year does not have', () => {
    expect(parseIsoWeek('2020-W53')).toBe('2020-W53');
    expect(parseIsoWeek('2026-W01')).toBe('2026-W01');
    expect(() => parseIsoWeek('2026-48', '--week')).toThrow('--week: "2026-48" is not an ISO week such as 2026-W48');
    expect(() => parseIsoWeek('2026-W54')).toThrow(/not an ISO week/);
    expect(() => parseIsoWeek('2026-W00')).toThrow(/not an ISO week/);
    expect(parseIsoWeek('2026-W53')).toBe('2026-W53');
    expect(() => parseIsoWeek('2027-W53', '--week')).toThrow('--week: 2027-W53 does not exist (2027 has 52 ISO weeks)');
  });
});
