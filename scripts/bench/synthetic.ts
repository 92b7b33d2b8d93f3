/**
 * A seeded generator of synthetic organisation profiles for benchmarks: realistic field lengths, a Zipf-distributed
 * vocabulary (a few very common words, a long tail), a mix of English and Korean, and a sparse random
 * collaboration graph with hubs. Same seed, same network.
 */
import type { Collaboration, Organization, OrganizationType } from '../../src/domain/index.js';
import { ORGANIZATION_TYPES, asOrgId } from '../../src/domain/index.js';

/** mulberry32: a small, fast, seedable PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'ri', 'to', 'mel', 'sen', 'vo', 'tra', 'nix', 'lo', 'qu', 'dat', 'por', 'fi', 'gen', 'sol', 'ter', 'bio', 'chip', 'fab', 'mo'];
const HANGUL = ['반도체', '공정', '센서', '데이터', '인공지능', '스마트', '공장', '바이오', '임상', '진단', '검사', '설계', '로봇', '비전', '플랫폼', '클라우드', '의료', '소재', '장비', '물류'];

/** A vocabulary of `size` pseudo-words; word i is drawn with probability ∝ 1/(i+1)^s (Zipf). */
export function zipfVocabulary(size: number, random: () => number, s = 1.05): () => string {
  const words: string[] = [];
  for (let i = 0; i < size; i++) {
    const n = 2 + Math.floor(random() * 3);
    let w = '';
    for (let j = 0; j < n; j++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    words.push(i % 11 === 0 ? `${HANGUL[i % HANGUL.length]}${w.length % 3 === 0 ? '' : HANGUL[(i * 7) % HANGUL.length]}` : `${w}${i}`);
  }
  const cdf = new Float64Array(size);
  let total = 0;
  for (let i = 0; i < size; i++) cdf[i] = total += 1 / Math.pow(i + 1, s);
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cdf[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo] as string;
  };
}

export interface SyntheticNetwork {
  readonly organizations: Organization[];
  readonly collaborations: Collaboration[];
}

/** `n` profiles (descriptions of 60–280 words, i.e. ~1–4 KB) and ~2n collaborations. */
export function syntheticNetwork(n: number, seed = 42): SyntheticNetwork {
  const random = rng(seed);
  const word = zipfVocabulary(Math.max(5000, Math.min(200_000, n * 2)), random);
  const phrase = (k: number) => Array.from({ length: k }, word).join(' ');
  const sectors = ['system_semiconductor', 'bio_health', 'ai', 'smart_manufacturing'];
  const organizations: Organization[] = [];
  for (let i = 0; i < n; i++) {
    const type = ORGANIZATION_TYPES[Math.floor(random() * 6)] as OrganizationType;
    organizations.push({
      id: asOrgId(`org-${i}`),
      name: { en: `${word()} ${word()} ${i}` },
      type,
      sectors: [sectors[Math.floor(random() * 4)] as string],
      region: ['서울', '경기', '부산', '대전', '판교'][i % 5] as string,
      description: phrase(60 + Math.floor(random() * 220)),
      technologies: Array.from({ length: 3 }, () => phrase(2)),
      offers: Array.from({ length: 3 + Math.floor(random() * 3) }, () => phrase(3)),
      needs: Array.from({ length: 2 + Math.floor(random() * 3) }, () => phrase(3)),
      contacts: [],
      optedOut: false,
    });
  }
  const collaborations: Collaboration[] = [];
  const seen = new Set<string>();
  for (let e = 0; e < n * 3; e++) {
    // preferential attachment-ish: the square of a uniform draw favours low ids (hubs)
    const a = Math.floor(random() * random() * n);
    const b = Math.floor(random() * n);
    if (a === b) continue;
    const key = a < b ? `${a}-${b}` : `${b}-${a}`;
    if (seen.has(key)) continue;
    seen.add(key);
    collaborations.push({ a: asOrgId(`org-${a}`), b: asOrgId(`org-${b}`), kind: 'joint_rnd', year: 2015 + (e % 10) });
  }
  return { organizations, collaborations };
}
