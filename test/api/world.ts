/**
 * The small network every API test starts from, and one key of each kind. Contacts carry recognisable
 * strings so the harness can check that no answer to a non-admin key contains them.
 */
import { createApiKey } from '../../src/app/api-keys.js';
import type { GraphStore } from '../../src/store/graph-store.js';
import { collab, org } from '../fixtures/builders.js';
import { fixedClock } from './harness.js';

export const CONTACT_SECRETS = ['secret-kt@contacts.example', '김비밀', 'secret-wiz@contacts.example', 'Secret Wizcore Person', 'secret-bio@contacts.example'];

export const network = () => ({
  organizations: [
    org('kt', {
      type: 'large_company',
      name: { ko: 'KT', en: 'KT Corporation' },
      sectors: ['ai'],
      region: '경기',
      offers: ['유동인구 데이터', 'telecom big data'],
      needs: ['인공지능 스타트업', 'machine vision'],
      contacts: [{ name: '김비밀', email: 'secret-kt@contacts.example', digest: true }],
    }),
    org('ksf', { type: 'association', name: { ko: '코리아스타트업포럼' }, sectors: ['ai'], offers: ['startup network'] }),
    org('wizcore', {
      type: 'sme',
      name: { en: 'Wizcore' },
      sectors: ['smart_manufacturing'],
      offers: ['5G smart factory', 'MES'],
      needs: ['machine vision', 'cloud image learning'],
      contacts: [{ name: 'Secret Wizcore Person', email: 'secret-wiz@contacts.example', locale: 'en' }],
    }),
    org('daesun', { type: 'sme', name: { ko: '대선주조' }, sectors: ['smart_manufacturing'], region: '부산', needs: ['5G smart factory', 'machine vision', 'bottle sorting'] }),
    org('yonsei', {
      type: 'university',
      name: { en: 'Yonsei University' },
      sectors: ['ai', 'smart_manufacturing'],
      offers: ['cloud image learning platform', 'machine vision research'],
      needs: ['telecom big data'],
    }),
    org('biolab', { type: 'startup', sectors: ['bio_health'], offers: ['clinical validation'], needs: ['AI diagnosis'], contacts: [{ name: 'B', email: 'secret-bio@contacts.example' }] }),
  ],
  // KT and Yonsei both worked with the forum: a graph path (kt —mou→ ksf ←programme— yonsei) for explanations
  collaborations: [collab('kt', 'ksf', { kind: 'mou', year: 2020 }), collab('yonsei', 'ksf', { kind: 'programme', year: 2021 })],
});

export interface Keys {
  readonly admin: string;
  readonly coordAi: string;
  readonly coordBio: string;
  readonly memberKt: string;
  readonly memberWiz: string;
  readonly ids: Readonly<Record<'admin' | 'coordAi' | 'coordBio' | 'memberKt' | 'memberWiz', string>>;
}

/** Empties the store, loads the network and makes one key of each kind. */
export async function seed(store: GraphStore): Promise<Keys> {
  await store.clear();
  await store.applyBatch(network());
  const clock = fixedClock();
  const [admin, coordAi, coordBio, memberKt, memberWiz] = await Promise.all([
    createApiKey(store, { role: 'admin' }, clock),
    createApiKey(store, { role: 'coordinator', sectors: ['ai'] }, clock),
    createApiKey(store, { role: 'coordinator', sectors: ['bio_health'] }, clock),
    createApiKey(store, { role: 'member', orgId: 'kt' }, clock),
    createApiKey(store, { role: 'member', orgId: 'wizcore' }, clock),
  ]);
  return {
    admin: admin.key,
    coordAi: coordAi.key,
    coordBio: coordBio.key,
    memberKt: memberKt.key,
    memberWiz: memberWiz.key,
    ids: { admin: admin.id, coordAi: coordAi.id, coordBio: coordBio.id, memberKt: memberKt.id, memberWiz: memberWiz.id },
  };
}
