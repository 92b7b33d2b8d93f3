import type { Organization } from '../../domain/index.js';

/**
 * The organisation a CSV row makes of a stored one. A CSV file gives only the columns of its header, and cannot
 * give contacts at all; so its row replaces the stored values of those columns (an empty cell clears an optional
 * one) and leaves every other field as stored: a spreadsheet of names and sectors re-imported every week must not
 * wipe the members' contacts and digest sign-ups, nor turn an opted-out member back on.
 */
export function csvRowOver(stored: Organization, row: Organization, columns: readonly string[]): Organization {
  const given = new Set(columns);
  const out: Record<string, unknown> = { ...stored };
  for (const column of given) {
    if (column.includes('.')) continue; // name.ko / name.en, below
    const value = (row as unknown as Record<string, unknown>)[column];
    if (value === undefined) delete out[column];
    else out[column] = value;
  }
  const ko = given.has('name.ko') ? row.name.ko : stored.name.ko;
  const en = given.has('name.en') ? row.name.en : stored.name.en;
  out.name = { ...(ko !== undefined ? { ko } : {}), ...(en !== undefined ? { en } : {}) };
  return out as unknown as Organization;
}
