/**
 * Regions as profiles write them: free text, in Korean or English, a province or metropolitan city, often followed
 * by a city ("경기 성남", "Seoul", "Pangyo"). A region filter should find them all by any of these names: `서울`
 * and `Seoul` are one place, `경기` holds "경기 성남" and "Pangyo", and `성남` finds "경기 성남" and "Seongnam".
 *
 * After lower case, NFKC and trimming, a filter matches a region when
 * - the two are equal, or the filter is one of the region's words, or
 * - the filter names a province or metropolitan city ({@link PROVINCES}, Korean or English, short or long) and
 *   the region lies in it (named by its whole text or first word, or by one of the province's larger cities), or
 * - the filter names one of those cities and one of the region's words names the same city.
 */

interface Province {
  /** The first is the short Korean name. */
  readonly names: readonly string[];
  /** Larger cities and districts, each by its Korean and English names. */
  readonly cities: readonly (readonly string[])[];
}

const PROVINCES: readonly Province[] = [
  { names: ['서울', '서울특별시', '서울시', 'seoul'], cities: [] },
  { names: ['부산', '부산광역시', '부산시', 'busan'], cities: [] },
  { names: ['대구', '대구광역시', '대구시', 'daegu'], cities: [] },
  { names: ['인천', '인천광역시', '인천시', 'incheon'], cities: [['송도', 'songdo']] },
  { names: ['광주', '광주광역시', '광주시', 'gwangju'], cities: [] },
  { names: ['대전', '대전광역시', '대전시', 'daejeon'], cities: [['대덕', 'daedeok']] },
  { names: ['울산', '울산광역시', '울산시', 'ulsan'], cities: [] },
  { names: ['세종', '세종특별자치시', '세종시', 'sejong'], cities: [] },
  {
    names: ['경기', '경기도', 'gyeonggi', 'gyeonggi-do'],
    cities: [
      ['성남', 'seongnam'],
      ['판교', 'pangyo'],
      ['수원', 'suwon'],
      ['용인', 'yongin'],
      ['화성', 'hwaseong'],
      ['이천', 'icheon'],
      ['안양', 'anyang'],
      ['안산', 'ansan'],
      ['고양', 'goyang'],
      ['평택', 'pyeongtaek'],
    ],
  },
  { names: ['강원', '강원도', '강원특별자치도', 'gangwon'], cities: [['춘천', 'chuncheon'], ['원주', 'wonju'], ['강릉', 'gangneung']] },
  { names: ['충북', '충청북도', 'chungbuk'], cities: [['청주', 'cheongju'], ['오송', 'osong']] },
  { names: ['충남', '충청남도', 'chungnam'], cities: [['천안', 'cheonan'], ['아산', 'asan']] },
  { names: ['전북', '전라북도', '전북특별자치도', 'jeonbuk'], cities: [['전주', 'jeonju'], ['익산', 'iksan']] },
  { names: ['전남', '전라남도', 'jeonnam'], cities: [['여수', 'yeosu'], ['순천', 'suncheon'], ['나주', 'naju']] },
  { names: ['경북', '경상북도', 'gyeongbuk'], cities: [['포항', 'pohang'], ['구미', 'gumi']] },
  { names: ['경남', '경상남도', 'gyeongnam'], cities: [['창원', 'changwon'], ['김해', 'gimhae'], ['진주', 'jinju']] },
  { names: ['제주', '제주도', '제주특별자치도', 'jeju'], cities: [] },
];

const foldRegion = (s: string): string => s.toLowerCase().normalize('NFKC').trim();

/**
 * A region filter as data, so that a store's query language can apply the same rule (`regionFilter` is its
 * reference): a region r (folded: lower case, NFKC, trimmed; its words split at single spaces) matches when
 *   r = text ∨ text ∈ words(r)
 *   ∨ r ∈ provinceNames ∨ words(r)[0] ∈ provinceNames ∨ words(r) ∩ provinceCities ≠ ∅   (the filter names a province)
 *   ∨ words(r) ∩ cityNames ≠ ∅                                                          (the filter names a city)
 */
export interface RegionQuery {
  readonly text: string;
  readonly provinceNames: readonly string[];
  readonly provinceCities: readonly string[];
  readonly cityNames: readonly string[];
}

export function regionQuery(filter: string): RegionQuery {
  const text = foldRegion(filter);
  const province = PROVINCES.find((p) => p.names.includes(text));
  const city = PROVINCES.flatMap((p) => p.cities).find((c) => c.includes(text));
  return {
    text,
    provinceNames: province?.names ?? [],
    provinceCities: province?.cities.flat() ?? [],
    cityNames: city ?? [],
  };
}

/** A region filter, prepared once: whether a profile's region matches it ({@link RegionQuery}). */
export function regionFilter(filter: string): (region: string | undefined) => boolean {
  const q = regionQuery(filter);
  const names = new Set(q.provinceNames);
  const cities = new Set([...q.provinceCities, ...q.cityNames]);
  return (region) => {
    if (region === undefined) return false;
    const r = foldRegion(region);
    const words = r.split(' ');
    if (r === q.text || words.includes(q.text)) return true;
    return names.has(r) || names.has(words[0] as string) || words.some((w) => cities.has(w));
  };
}
