/** A CSV file updates only the columns it has: what it cannot say (contacts, an opt-out, other columns) stays. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles, type InputFile } from '../../../src/app/import/import-files.js';
import { asOrgId, OrganizationSchema } from '../../../src/domain/index.js';
import { EmbeddedStore } from '../../../src/store/embedded/embedded-store.js';

const enc = new TextEncoder();
const file = (name: string, text: string): InputFile => ({ kind: 'organizations', name, bytes: enc.encode(text) });

const brewery = OrganizationSchema.parse({
  id: 'daesun',
  name: { ko: '대선주조', en: 'Daesun Brewery' },
  type: 'sme',
  sectors: ['smart_manufacturing'],
  region: '부산',
  description: '소주 제조',
  needs: ['머신비전'],
  contacts: [{ name: '김', email: 'kim@daesun.example', locale: 'ko', digest: true }],
  optedOut: true,
});

describe('a CSV row for a stored organisation', () => {
  let store: EmbeddedStore;
  beforeEach(async () => {
    store = await EmbeddedStore.open({ dataDir: mkdtempSync(join(tmpdir(), 'innomatch-csv-update-')) });
    await store.applyBatch({ organizations: [brewery] });
  });
  afterEach(async () => {
    await store.close();
  });

  it('replaces the columns of its file and keeps the contacts, the opt-out and every other field', async () => {
    const r = await importFiles(store, [file('o.csv', 'id,type,name.en,description\ndaesun,sme,Daesun Brewery Co.,소주와 맥주 제조\n')]);
    expect(r.applied?.organizations).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(await store.getOrganization(asOrgId('daesun'))).toEqual({
      ...brewery,
      name: { ko: '대선주조', en: 'Daesun Brewery Co.' },
      description: '소주와 맥주 제조',
    });
    const again = await importFiles(store, [file('o.csv', 'id,type,name.en,description\ndaesun,sme,Daesun Brewery Co.,소주와 맥주 제조\n')]);
    expect(again.applied?.organizations).toEqual({ created: 0, updated: 0, unchanged: 1 });
  });

  it('clears an optional field whose column it has but leaves empty, and takes a new organisation as it is', async () => {
    await importFiles(store, [file('o.csv', 'id,type,name.en,region,optedOut\ndaesun,sme,Daesun Brewery,,false\nnewco,startup,NewCo,서울,\n')]);
    const daesun = await store.getOrganization(asOrgId('daesun'));
    expect(daesun?.region).toBeUndefined();
    expect(daesun?.optedOut).toBe(false);
    expect(daesun?.contacts).toEqual(brewery.contacts);
    expect(await store.getOrganization(asOrgId('newco'))).toEqual(OrganizationSchema.parse({ id: 'newco', name: { en: 'NewCo' }, type: 'startup', region: '서울' }));
  });

  it('is still the whole profile when it comes as JSON', async () => {
    await importFiles(store, [file('o.jsonl', JSON.stringify({ id: 'daesun', name: { en: 'Daesun' }, type: 'sme' }))]);
    expect(await store.getOrganization(asOrgId('daesun'))).toEqual(OrganizationSchema.parse({ id: 'daesun', name: { en: 'Daesun' }, type: 'sme' }));
  });
});
