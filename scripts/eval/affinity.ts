/**
 * Two symmetric pair signals that the profile and the collaboration list carry beside text and graph walks
 * (issue 3's ECSEL study, `scripts/eval/study-signals.ts`). They are research signals, not features of the engine:
 * added to `default-4` (x = I(A→B) + 0.03·sib + 0.02·sat(L, 1) with activity 0.02, likewise y) they won every
 * train-internal validation split (mean recall@20 / coverage@10 0.1710 / 0.3377 against 0.1663 / 0.3180, and
 * three untuned splits), but their one look at the benchmark's test file (2026-11-29) gave 0.163 / 0.331 against
 * `default-4`'s 0.166 / 0.308: coverage up, recall down, so the engine does not use them.
 *
 * - corporate family: sib(A, B) = [fam(A) = fam(B) ≠ none]. Affiliates (INFINEON TECHNOLOGIES AG and INFINEON
 *   TECHNOLOGIES AUSTRIA AG, the STMICROELECTRONICS and THALES companies, …) join consortia together, and a
 *   family's smaller members are rarely near the top of anyone's list otherwise.
 * - region-pair lift: L(r, r') = (O(r, r') + k) / (E(r, r') + k), how much more often than at random the
 *   collaboration partners of region r are in region r'. O counts distinct partner pairs between the two
 *   regions (inside r when r = r'); E spreads the same total over region pairs in proportion to D_r·D_r'
 *   (D_r²/2 inside a region), D_r the summed partner counts of r's organisations, i.e. random pairs that keep
 *   every organisation's partner count, so that a region of hubs does not look attractive for being busy. k is
 *   a smoothing count in pairs (default 5): pairs of small regions move towards 1.
 *
 * Pure: plain arrays in, plain arrays out.
 */

/**
 * Words that never name a family: articles, legal forms, and the institution words that start the names of
 * unrelated universities, institutes, foundations and research centres in several languages. Chosen as the
 * most frequent generic first words of the ECSEL benchmark's organisation names (train-year profiles only).
 */
export const FAMILY_GENERIC_WORDS: ReadonlySet<string> = new Set(
  (
    'THE OF AND FOR DE DI DER UND DEGLI DELLA DEL LA LE LES ' +
    'GMBH AG SA SAS SPA SRL BV NV LTD LIMITED AB OY AS ASA SL KFT SRO ' +
    'UNIVERSITY UNIVERSITE UNIVERSITA UNIVERSIDAD UNIVERSITAET UNIVERSITAT UNIVERSITEIT UNIVERSIDADE ' +
    'INSTITUTE INSTITUT INSTITUTO TECHNOLOGY TECHNOLOGIES TECHNISCHE TECHNICAL RESEARCH RECHERCHE CENTRE CENTER ' +
    'CENTRO NATIONAL SYSTEMS SOLUTIONS ELECTRONICS INTERNATIONAL EUROPE GROUP COMPANY CORPORATION APPLIED ADVANCED ' +
    'HOCHSCHULE FUNDACION STICHTING POLITECNICO FAB GAS SILICON'
  ).split(' '),
);

/**
 * The family word of a name: its first word (runs of ASCII letters and digits after NFKC and upper-casing) of
 * at least three characters that is not in `generic`; undefined when there is none.
 */
export function familyWord(name: string, generic: ReadonlySet<string> = FAMILY_GENERIC_WORDS): string | undefined {
  const words = name.normalize('NFKC').toUpperCase().match(/[A-Z0-9]+/g) ?? [];
  return words.find((w) => w.length >= 3 && !generic.has(w));
}

/**
 * Family index per organisation (−1 = none): organisations share a family when their family words are equal
 * and at least two organisations have that word. Families are numbered in order of first appearance.
 */
export function corporateFamilies(names: readonly string[], generic: ReadonlySet<string> = FAMILY_GENERIC_WORDS): Int32Array {
  const words = names.map((n) => familyWord(n, generic));
  const count = new Map<string, number>();
  for (const w of words) if (w !== undefined) count.set(w, (count.get(w) ?? 0) + 1);
  const index = new Map<string, number>();
  return Int32Array.from(words, (w) => {
    if (w === undefined || count.get(w)! < 2) return -1;
    let i = index.get(w);
    if (i === undefined) index.set(w, (i = index.size));
    return i;
  });
}

/** The region-pair lift table: `lift[g·G + g']` for region indices g = `of[x]` of organisation x. */
export interface RegionLift {
  /** Distinct region labels, sorted; an organisation without a region has the label ''. */
  readonly regions: readonly string[];
  /** Region index per organisation. */
  readonly of: Int32Array;
  /** G×G, symmetric, ≥ 0 (> 0 when k > 0). */
  readonly lift: Float64Array;
}

/**
 * L(r, r') as above, from organisation regions and partner pairs (indices into `regions`; repeated pairs, either
 * order, count once; self-pairs are ignored). `k` ≥ 0; with no pairs at all every lift is 1.
 */
export function regionPairLift(regions: readonly string[], pairs: Iterable<readonly [number, number]>, k = 5): RegionLift {
  if (!(k >= 0)) throw new Error(`affinity: smoothing k must be >= 0, got ${k}`);
  const labels = [...new Set(regions)].sort();
  const G = labels.length;
  const gi = new Map(labels.map((g, i) => [g, i]));
  const of = Int32Array.from(regions, (r) => gi.get(r)!);
  const seen = new Set<number>();
  const n = regions.length;
  const degree = new Float64Array(n);
  const observed = new Float64Array(G * G);
  let total = 0;
  for (const [x0, y0] of pairs) {
    if (x0 === y0) continue;
    const [x, y] = x0 < y0 ? [x0, y0] : [y0, x0];
    const key = x * n + y;
    if (seen.has(key)) continue;
    seen.add(key);
    degree[x]! += 1;
    degree[y]! += 1;
    const [p, q] = [of[x]!, of[y]!];
    observed[p * G + q]! += 1;
    if (p !== q) observed[q * G + p]! += 1;
    total++;
  }
  const D = new Float64Array(G);
  for (let x = 0; x < n; x++) D[of[x]!]! += degree[x]!;
  const expected = new Float64Array(G * G);
  let mass = 0;
  for (let p = 0; p < G; p++)
    for (let q = p; q < G; q++) {
      const e = p === q ? (D[p]! * D[p]!) / 2 : D[p]! * D[q]!;
      expected[p * G + q] = expected[q * G + p] = e;
      mass += e;
    }
  const lift = new Float64Array(G * G);
  for (let i = 0; i < G * G; i++) {
    const e = mass > 0 ? (expected[i]! * total) / mass : 0;
    lift[i] = observed[i]! + k === 0 && e + k === 0 ? 1 : (observed[i]! + k) / (e + k);
  }
  return { regions: labels, of, lift };
}

/** L(region(x), region(y)) of two organisations. */
export function liftOf(table: RegionLift, x: number, y: number): number {
  return table.lift[table.of[x]! * table.regions.length + table.of[y]!]!;
}
