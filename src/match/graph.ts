/**
 * The collaboration graph in CSR arrays (no object per edge), built once from collaborations and programme
 * co-participation, and the walk that yields every graph feature of one query in a single pass.
 *
 * Edge weight w(a,b) = Σ over collaborations of a and b of kindWeight(kind) / (n_g − 1)^σ
 *                    + Σ over shared programmes of programmeWeight / (p − 1)^σ,
 * where n_g is the number of organisations sharing that collaboration's `evidence` (one project), p the
 * programme's size and σ = `projectSizeExponent`. A group is one `evidence` string as it stands: a pair that
 * shared several projects lists them all (`P1;P2`), and that string is a group of its own — the organisations
 * that shared exactly that run of projects, usually a small consortium core — so partners who keep working
 * together get a strong tie (1/(n_g − 1)^σ with a small n_g) while a one-off tie in a large project stays weak.
 * This is deliberate: on the ECSEL validation splits, splitting such evidence into per-project groups (summing
 * the projects' shares, even times k^ρ for k shared projects) cost mean recall@20 0.166 → 0.149–0.156
 * (scripts/eval/study-graph.ts). s(a) = Σ_b w(a,b) is the strength, deg(a) the number of
 * distinct neighbours. r(a), the number of recent evidence groups a took part in (`recency.ts`), is kept beside
 * them for the activity feature.
 */
import type { CollaborationKind } from '../domain/index.js';
import type { Tie } from './types.js';
import { COLLABORATION_KINDS } from '../domain/index.js';
import type { GraphOptions } from './defaults.js';
import { TouchedSet } from './touched.js';

/** Bit of `kinds` that marks programme co-participation (bits 0–5 are the collaboration kinds). */
export const PROGRAMME_BIT = 1 << COLLABORATION_KINDS.length;
/** The bits of `kinds` that mark a collaboration of any kind. */
const COLLABORATION_BITS = PROGRAMME_BIT - 1;

export interface EdgeInput {
  readonly a: number;
  readonly b: number;
  readonly kind: CollaborationKind;
  /** Collaborations with the same evidence (one project) form a group. */
  readonly evidence?: string | undefined;
}

/** Scratch arrays of one walk, indexed by node; reset by the walk itself. */
export class GraphWorkspace {
  cn = new Float64Array(0);
  aa = new Float64Array(0);
  ra = new Float64Array(0);
  p2 = new Float64Array(0);
  p3 = new Float64Array(0);
  c3 = new Float64Array(0);
  readonly touched = new TouchedSet();

  fit(n: number): void {
    if (this.cn.length >= n) return;
    this.touched.reset();
    for (const k of ['cn', 'aa', 'ra', 'p2', 'p3', 'c3'] as const) this[k] = new Float64Array(n);
  }

  reset(): void {
    this.touched.reset(this.cn, this.aa, this.ra, this.p2, this.p3, this.c3);
  }
}

export class CollaborationGraph {
  private constructor(
    readonly n: number,
    readonly offsets: Int32Array,
    readonly nbrs: Int32Array,
    readonly weights: Float64Array,
    /** Bitmask of collaboration kinds (and `PROGRAMME_BIT`) per edge. */
    readonly kinds: Uint8Array,
    readonly strength: Float64Array,
    /** Distinct collaboration partners (programme-only ties excluded). */
    readonly partners: Int32Array,
    readonly maxPartners: number,
    /** r(v): recent evidence groups per node (`recency.ts`); the partner count when no recency was given. */
    readonly recent: Int32Array,
    readonly maxRecent: number,
  ) {}

  static empty(n: number): CollaborationGraph {
    return CollaborationGraph.build(n, [], [], {
      kindWeights: { mou: 0, joint_rnd: 0, tech_transfer: 0, poc: 0, investment: 0, programme: 0 },
      projectSizeExponent: 0,
      programmeWeight: 0,
      maxProgrammeSize: 0,
      recentShare: 0,
    });
  }

  /**
   * Builds the CSR arrays over nodes 0..n−1. Contributions are summed in a canonical order (sorted by pair and
   * value), so the same data in any input order gives the same weights to the last bit. `recent[v]` = r(v)
   * (`recency.ts`); without it every collaboration counts as recent, r(v) = partners(v).
   */
  static build(
    n: number,
    collaborations: readonly EdgeInput[],
    programmes: readonly (readonly number[])[],
    opts: GraphOptions,
    recent?: ArrayLike<number>,
  ): CollaborationGraph {
    const groups = new Map<string, Set<number>>();
    for (const c of collaborations) {
      if (c.evidence === undefined || c.evidence === '') continue;
      let g = groups.get(c.evidence);
      if (g === undefined) groups.set(c.evidence, (g = new Set()));
      g.add(c.a).add(c.b);
    }
    const parts: [number, number, number, number][] = [];
    const push = (a: number, b: number, w: number, bit: number) => {
      if (a === b || a < 0 || b < 0 || a >= n || b >= n) return;
      parts.push(a < b ? [a, b, w, bit] : [b, a, w, bit]);
    };
    for (const c of collaborations) {
      const size = c.evidence === undefined || c.evidence === '' ? 2 : (groups.get(c.evidence)?.size ?? 2);
      const w = opts.kindWeights[c.kind] / Math.pow(Math.max(1, size - 1), opts.projectSizeExponent);
      push(c.a, c.b, w, 1 << COLLABORATION_KINDS.indexOf(c.kind));
    }
    for (const members of programmes) {
      const uniq = [...new Set(members)].filter((m) => m >= 0 && m < n).sort((x, y) => x - y);
      if (uniq.length < 2 || uniq.length > opts.maxProgrammeSize) continue;
      const w = opts.programmeWeight / Math.pow(uniq.length - 1, opts.projectSizeExponent);
      for (let i = 0; i < uniq.length; i++) for (let j = i + 1; j < uniq.length; j++) push(uniq[i]!, uniq[j]!, w, PROGRAMME_BIT);
    }
    parts.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || x[3] - y[3]);
    // merge parallel contributions into unique edges
    const ea: number[] = [];
    const eb: number[] = [];
    const ew: number[] = [];
    const ek: number[] = [];
    for (const [a, b, w, bit] of parts) {
      const last = ea.length - 1;
      if (last >= 0 && ea[last] === a && eb[last] === b) {
        ew[last]! += w;
        ek[last]! |= bit;
      } else {
        ea.push(a);
        eb.push(b);
        ew.push(w);
        ek.push(bit);
      }
    }
    const offsets = new Int32Array(n + 1);
    for (let i = 0; i < ea.length; i++) {
      offsets[ea[i]! + 1]!++;
      offsets[eb[i]! + 1]!++;
    }
    for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
    const fill = offsets.slice(0, n);
    const m = offsets[n]!;
    const nbrs = new Int32Array(m);
    const weights = new Float64Array(m);
    const kinds = new Uint8Array(m);
    // edges sorted by (min, max): each node's list comes out ascending
    for (let i = 0; i < ea.length; i++) {
      const a = ea[i]!;
      const b = eb[i]!;
      let at = fill[a]!++;
      nbrs[at] = b;
      weights[at] = ew[i]!;
      kinds[at] = ek[i]!;
      at = fill[b]!++;
      nbrs[at] = a;
      weights[at] = ew[i]!;
      kinds[at] = ek[i]!;
    }
    const strength = new Float64Array(n);
    const partners = new Int32Array(n);
    let maxPartners = 0;
    for (let v = 0; v < n; v++) {
      let s = 0;
      let p = 0;
      for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
        s += weights[k]!;
        if ((kinds[k]! & (PROGRAMME_BIT - 1)) !== 0) p++;
      }
      strength[v] = s;
      partners[v] = p;
      if (p > maxPartners) maxPartners = p;
    }
    const r = recent === undefined ? partners : Int32Array.from({ length: n }, (_, v) => recent[v] ?? 0);
    const maxRecent = r.reduce((m, x) => (x > m ? x : m), 0);
    return new CollaborationGraph(n, offsets, nbrs, weights, kinds, strength, partners, maxPartners, r, maxRecent);
  }

  degree(v: number): number {
    return v < this.n ? this.offsets[v + 1]! - this.offsets[v]! : 0;
  }

  /** Index of edge (a, b) in the CSR arrays, or −1 (binary search of a's ascending list). */
  edgeIndex(a: number, b: number): number {
    if (a >= this.n || b >= this.n) return -1;
    let lo = this.offsets[a]!;
    let hi = this.offsets[a + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.nbrs[mid]!;
      if (v === b) return mid;
      if (v < b) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Whether a and b have collaborated (programme co-participation alone does not count). */
  arePartners(a: number, b: number): boolean {
    const e = this.edgeIndex(a, b);
    return e >= 0 && (this.kinds[e]! & (PROGRAMME_BIT - 1)) !== 0;
  }

  /** The kinds of a's and b's collaborations (none for a programme-only tie or no tie). */
  collaborationKinds(a: number, b: number): CollaborationKind[] {
    const e = this.edgeIndex(a, b);
    return e < 0 ? [] : COLLABORATION_KINDS.filter((_, i) => (this.kinds[e]! & (1 << i)) !== 0);
  }

  /** Collaboration partners of a. */
  partnersOf(a: number): number[] {
    const out: number[] = [];
    if (a >= this.n) return out;
    for (let k = this.offsets[a]!; k < this.offsets[a + 1]!; k++) if ((this.kinds[k]! & (PROGRAMME_BIT - 1)) !== 0) out.push(this.nbrs[k]!);
    return out;
  }

  /**
   * One walk from `a` fills, for every node y ≠ a reached (and adds y to `ws.touched`):
   *
   * - cn[y] = |P(a) ∩ P(y)|                                   (common partners)
   * - aa[y] = Σ_{z ∈ P(a) ∩ P(y)} 1 / ln |P(z)|              (Adamic-Adar)
   * - ra[y] = Σ_z w(a,z)·w(z,y) / s(z)                       (resource allocation, weighted by project size)
   * - p2[y], p3[y] = probability that a random walk from a (step a→b with probability w(a,b)/s(a)) is at y after
   *   2 and 3 steps; the truncated personalised PageRank is π_a(y) = p2[y] + γ·p3[y]
   * - c3[y] = number of 3-step walks from a to y over collaborations; Katz (scaled by 1/β²) is cn[y] + β·c3[y]
   *
   * P(v) is v's collaboration partners: a programme-only tie (two members of one programme) counts in the
   * weighted quantities (ra, p2, p3) with its small weight, but not in the counts (cn, aa, c3): a member of the
   * same 14-member programme as your partner is not someone your partner worked with, and counted as a full
   * path it would make half a network "a few steps apart". The benchmark has no programmes, so its figures do
   * not move.
   *
   * Direct edges (1-step terms) are left out on purpose, so that a known pair's features do not contain the
   * answer (training uses them) and an existing partner is ranked by indirect evidence only. Cost:
   * Σ_{z∈N(a)} deg(z) for 2 hops, plus Σ over the 2-hop nodes of their degree for 3.
   */
  walk(a: number, ws: GraphWorkspace, hops: 2 | 3): void {
    ws.reset();
    ws.fit(this.n);
    if (a >= this.n) return;
    const { offsets, nbrs, weights, strength, kinds, partners } = this;
    const { cn, aa, ra, p2, p3, c3, touched } = ws;
    touched.reserve(this.n);
    const sa = strength[a]!;
    if (sa === 0) return;
    let p2a = 0;
    for (let k = offsets[a]!; k < offsets[a + 1]!; k++) {
      const z = nbrs[k]!;
      const waz = weights[k]!;
      const dz = offsets[z + 1]! - offsets[z]!;
      const sz = strength[z]!;
      p2a += (waz / sa) * (waz / sz);
      if (dz < 2) continue;
      // z counts as a common partner only when a and y both collaborated with it (then |P(z)| ≥ 2)
      const partnerOfA = (kinds[k]! & COLLABORATION_BITS) !== 0;
      const invLn = partnerOfA && partners[z]! >= 2 ? 1 / Math.log(partners[z]!) : 0;
      const step = waz / sa;
      for (let j = offsets[z]!; j < offsets[z + 1]!; j++) {
        const y = nbrs[j]!;
        if (y === a) continue;
        const wzy = weights[j]!;
        if (invLn > 0 && (kinds[j]! & COLLABORATION_BITS) !== 0) {
          cn[y]! += 1;
          aa[y]! += invLn;
        }
        ra[y]! += (waz * wzy) / sz;
        p2[y]! += step * (wzy / sz);
        touched.add(y);
      }
    }
    if (hops < 3) return;
    const reached = touched.size;
    const spread = (x: number, px: number, cx: number) => {
      const sx = strength[x]!;
      for (let j = offsets[x]!; j < offsets[x + 1]!; j++) {
        const y = nbrs[j]!;
        if (y === a) continue;
        p3[y]! += px * (weights[j]! / sx);
        if ((kinds[j]! & COLLABORATION_BITS) !== 0) c3[y]! += cx;
        touched.add(y);
      }
    };
    spread(a, p2a, partners[a]!);
    for (let i = 0; i < reached; i++) {
      const x = touched.list[i]!;
      spread(x, p2[x]!, cn[x]!);
    }
  }

  /**
   * The intermediaries of a and b (common neighbours z), strongest first by w(a,z)·w(z,b)/s(z), the share of
   * each in the resource-allocation score.
   */
  paths(a: number, b: number, limit: number): { via: number; kindsA: number; kindsB: number; strength: number }[] {
    if (a >= this.n || b >= this.n) return [];
    const out: { via: number; kindsA: number; kindsB: number; strength: number }[] = [];
    let i = this.offsets[a]!;
    let j = this.offsets[b]!;
    const ea = this.offsets[a + 1]!;
    const eb = this.offsets[b + 1]!;
    while (i < ea && j < eb) {
      const x = this.nbrs[i]!;
      const y = this.nbrs[j]!;
      if (x === y) {
        out.push({ via: x, kindsA: this.kinds[i]!, kindsB: this.kinds[j]!, strength: (this.weights[i]! * this.weights[j]!) / this.strength[x]! });
        i++;
        j++;
      } else if (x < y) i++;
      else j++;
    }
    return out.sort((p, q) => q.strength - p.strength || p.via - q.via).slice(0, limit);
  }
}

/** The ties in a `kinds` bitmask: its collaboration kinds, then programme co-participation as 'shared_programme'. */
export function kindsOf(mask: number): Tie[] {
  const out: Tie[] = [];
  COLLABORATION_KINDS.forEach((k, i) => {
    if ((mask & (1 << i)) !== 0) out.push(k);
  });
  if ((mask & PROGRAMME_BIT) !== 0) out.push('shared_programme');
  return out;
}
