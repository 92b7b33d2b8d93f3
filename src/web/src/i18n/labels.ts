/** Names of the API's enums in both languages (types, sectors, components, ties, statuses, outcomes). */
import type { CollaborationKind, ComponentName, IntroductionOutcome, IntroductionStatus, Lang, Localized, OrganizationType, OrgName } from '../api/types';

type Labels<K extends string> = Readonly<Record<K, Localized>>;

export const TYPE_LABELS: Labels<OrganizationType> = {
  large_company: { ko: '대기업', en: 'Large company' },
  sme: { ko: '중소기업', en: 'SME' },
  startup: { ko: '스타트업', en: 'Startup' },
  university: { ko: '대학', en: 'University' },
  research_institute: { ko: '연구기관', en: 'Research institute' },
  investor: { ko: '투자기관', en: 'Investor' },
  public_agency: { ko: '공공기관', en: 'Public agency' },
  association: { ko: '협회', en: 'Association' },
};

const SECTOR_LABELS: Readonly<Record<string, Localized>> = {
  system_semiconductor: { ko: '시스템반도체', en: 'System semiconductors' },
  bio_health: { ko: '바이오헬스', en: 'Bio/health' },
  ai: { ko: '인공지능', en: 'AI' },
  smart_manufacturing: { ko: '스마트제조', en: 'Smart manufacturing' },
};

export const COMPONENT_LABELS: Labels<ComponentName> = {
  topical: { ko: '관심 분야 유사도', en: 'Shared topics' },
  complementarity: { ko: '수요·제공 보완성', en: 'Needs ↔ offers' },
  typePrior: { ko: '기관 유형 궁합', en: 'Type fit' },
  graph: { ko: '협력 네트워크', en: 'Network' },
  activity: { ko: '협력 활동성', en: 'Activity' },
};

export const TIE_LABELS: Labels<CollaborationKind | 'shared_programme'> = {
  mou: { ko: 'MOU', en: 'MOU' },
  joint_rnd: { ko: '공동 R&D', en: 'joint R&D' },
  tech_transfer: { ko: '기술이전', en: 'tech transfer' },
  poc: { ko: '실증(PoC)', en: 'PoC' },
  investment: { ko: '투자', en: 'investment' },
  programme: { ko: '교류 프로그램', en: 'programme' },
  shared_programme: { ko: '같은 프로그램 참여', en: 'same programme' },
};

export const STATUS_LABELS: Labels<IntroductionStatus> = {
  proposed: { ko: '제안됨', en: 'Proposed' },
  accepted: { ko: '수락됨', en: 'Accepted' },
  declined: { ko: '거절됨', en: 'Declined' },
  met: { ko: '만남 완료', en: 'Met' },
  closed: { ko: '종결', en: 'Closed' },
};

export const OUTCOME_LABELS: Labels<IntroductionOutcome> = {
  mou: { ko: 'MOU 체결', en: 'MOU' },
  joint_rnd: { ko: '공동 R&D', en: 'Joint R&D' },
  tech_transfer: { ko: '기술이전', en: 'Tech transfer' },
  none: { ko: '성과 없음', en: 'No outcome' },
};

export function sectorLabel(sector: string, lang: Lang): string {
  return SECTOR_LABELS[sector]?.[lang] ?? sector.replace(/[_-]/g, ' ');
}

/** The organisation's name in `lang`, falling back to the other language, then to its id. */
export function orgName(name: OrgName | undefined, lang: Lang, id = ''): string {
  return (lang === 'ko' ? (name?.ko ?? name?.en) : (name?.en ?? name?.ko)) ?? id;
}

export function localized(text: Localized | string, lang: Lang): string {
  return typeof text === 'string' ? text : text[lang];
}
