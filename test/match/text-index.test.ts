import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INDEX_OPTIONS } from '../../src/match/defaults.js';
import { TextIndex, accSlack } from '../../src/match/text-index.js';
import { TouchedSet } from '../../src/match/touched.js';
import { naiveCorpus, near, type NaiveDoc } from './helpers.js';

const doc = (profile: string[], offers: string[] = [], needs: string[] = []): NaiveDoc => ({ profile, offers, needs });

function indexOf(docs: readonly NaiveDoc[], options = DEFAULT_INDEX_OPTIONS): TextIndex {
  const index = new TextIndex(options);
  docs.forEach((d, slot) => index.setDocument(slot, d));
  return index;
}

describe('TF-IDF weights, worked by hand', () => {
  // Corpus (profile field): d0 = "a a b", d1 = "b c", d2 = "c d"; N = 3.
  // df: a 1, b 2, c 2, d 1  →  idf(a) = idf(d) = ln(4/2) + 1 = 1.693147…, idf(b) = idf(c) = ln(4/3) + 1 = 1.287682…
  // d0: w(a) = (1 + ln 2)·1.693147 = 2.866747…, w(b) = 1·1.287682 → ‖d0‖ = √(2.866747² + 1.287682²) = 3.142669…
  // d1: w(b) = w(c) = 1.287682 → ‖d1‖ = 1.287682·√2 = 1.821057…;  d2: ‖d2‖ = √(1.287682² + 1.693147²) = 2.127175…
  // cos(d0, d1) = 1.287682² / (3.142669 · 1.821057) = 0.289731…   (they share only b)
  // cos(d1, d2) = 1.287682² / (1.821057 · 2.127175) = 0.428046…   (they share only c, and d2 is shorter than d0)
  // cos(d0, d2) = 0                                                 (nothing shared)
  const index = indexOf([doc(['a', 'a', 'b']), doc(['b', 'c']), doc(['c', 'd'])]);

  it('computes the smoothed idf', () => {
    expect(index.idfOf('a')).toBeCloseTo(1.6931471805599454, 12);
    expect(index.idfOf('b')).toBeCloseTo(1.2876820724517808, 12);
  });

  it('L2-normalises log-tf × idf vectors', () => {
    const v = index.vectorOf(0, 'profile');
    expect([...v.terms].map((t) => index.terms[t])).toEqual(['a', 'b']);
    expect(v.weights[0]! * v.invNorm).toBeCloseTo(0.9122016295971542, 12);
    expect(v.weights[1]! * v.invNorm).toBeCloseTo(0.4097416099937816, 12);
  });

  it('gives the hand-computed cosines', () => {
    expect(index.cosine(index.vectorOf(0, 'profile'), 'profile', 1)).toBeCloseTo(0.2897310709608966, 12);
    expect(index.cosine(index.vectorOf(1, 'profile'), 'profile', 2)).toBeCloseTo(0.4280460350631185, 12);
    expect(index.cosine(index.vectorOf(0, 'profile'), 'profile', 2)).toBe(0);
    expect(index.cosine(index.vectorOf(2, 'profile'), 'profile', 2)).toBeCloseTo(1, 12);
  });

  it('walks postings into the dot products, within float32 rounding, when nothing is bounded', () => {
    const acc = new Float32Array(3);
    const touched = new TouchedSet();
    const q = index.vectorOf(1, 'profile');
    index.accumulate(q, 'profile', acc, touched, Infinity);
    expect([...touched.list.subarray(0, touched.size)].sort()).toEqual([0, 1, 2]);
    const { up, down } = accSlack(q);
    // two query terms: γ = 2·2⁻²³/(1 − 2·2⁻²³) ≈ 2.4e-7
    expect(up).toBeCloseTo(1 + 2 * 2 ** -23, 12);
    const cos = (d: number) => acc[d]! * q.invNorm * index.invNormOf(d, 'profile');
    expect(cos(0)).toBeCloseTo(0.2897310709608966, 6);
    expect(cos(0) * down).toBeLessThanOrEqual(0.2897310709608966);
    expect(cos(0) * up).toBeGreaterThanOrEqual(0.2897310709608966);
    expect(cos(2)).toBeCloseTo(0.4280460350631185, 6);
    expect(cos(2) * down).toBeLessThanOrEqual(0.4280460350631185);
    expect(cos(2) * up).toBeGreaterThanOrEqual(0.4280460350631185);
  });

  it('weighs a free-text query, unknown words counting in its norm only', () => {
    const q = index.vectorOfTerms(['b', 'zzz']);
    // w(b) = idf(b) = 1.287682, w(zzz) = ln(4/1) + 1 = 2.386294 → cos(q, d1) = 1.287682² / (√(1.287682² + 2.386294²) · 1.821057)
    const expected = 1.2876820724517808 ** 2 / (Math.hypot(1.2876820724517808, Math.log(4) + 1) * 1.821057450886003);
    expect(index.cosine(q, 'profile', 1)).toBeCloseTo(expected, 12);
  });
});

const vocabulary = ['ai', 'chip', 'fab', 'vision', 'bio', 'gmp', 'data', '5g', '반도체', '센서'];
const arbDoc: fc.Arbitrary<NaiveDoc> = fc.record({
  profile: fc.array(fc.constantFrom(...vocabulary), { maxLength: 12 }),
  offers: fc.array(fc.constantFrom(...vocabulary), { maxLength: 5 }),
  needs: fc.array(fc.constantFrom(...vocabulary), { maxLength: 5 }),
});
/** The index stores profile ⊇ offers ∪ needs, as profiles do. */
const whole = (d: NaiveDoc): NaiveDoc => ({ ...d, profile: [...d.profile, ...d.offers, ...d.needs] });

describe('cosine properties', () => {
  it('is symmetric to the last bit and lies in [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(arbDoc.map(whole), { minLength: 2, maxLength: 8 }), (docs) => {
        const index = indexOf(docs);
        for (let x = 0; x < docs.length; x++) {
          for (let y = 0; y < docs.length; y++) {
            const c = index.cosine(index.vectorOf(x, 'profile'), 'profile', y);
            expect(c).toBe(index.cosine(index.vectorOf(y, 'profile'), 'profile', x));
            expect(c).toBeGreaterThanOrEqual(0);
            expect(c).toBeLessThanOrEqual(1);
            const needOffer = index.cosine(index.vectorOf(x, 'needs'), 'offers', y);
            expect(needOffer).toBe(index.cosine(index.vectorOf(y, 'offers'), 'needs', x));
          }
        }
      }),
    );
  });
});

describe('shared terms', () => {
  it('lists every shared term once, largest share first (ties by term), and a limit keeps the first ones', () => {
    fc.assert(
      fc.property(fc.array(arbDoc.map(whole), { minLength: 2, maxLength: 6 }), (docs) => {
        const index = indexOf(docs);
        for (let x = 0; x < docs.length; x++) {
          const q = index.vectorOf(x, 'profile');
          for (let y = 0; y < docs.length; y++) {
            const all = index.sharedTerms(q, 'profile', y);
            const d = index.vectorOf(y, 'profile');
            const mine = new Set([...q.terms].map((t) => index.terms[t]!));
            const shared = [...d.terms].map((t) => index.terms[t]!).filter((t) => mine.has(t));
            expect(all.map((s) => s.term).sort()).toEqual(shared.sort());
            for (let i = 1; i < all.length; i++) {
              const [p, c] = [all[i - 1]!, all[i]!];
              expect(p.contribution > c.contribution || (p.contribution === c.contribution && p.term < c.term)).toBe(true);
            }
            // the shares add up to the cosine
            expect(near(all.reduce((s, t) => s + t.contribution, 0), index.cosine(q, 'profile', y))).toBe(true);
            for (let limit = 0; limit <= all.length + 1; limit++) expect(index.sharedTerms(q, 'profile', y, limit)).toEqual(all.slice(0, limit));
          }
        }
      }),
    );
  });
});

type Op = { kind: 'set'; id: number; doc: NaiveDoc } | { kind: 'remove'; id: number };
const arbOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), id: fc.nat(5), doc: arbDoc.map(whole) }),
  fc.record({ kind: fc.constant('remove' as const), id: fc.nat(5) }),
);

describe('incremental updates', () => {
  it('after any sequence of upserts and removals, equal a fresh build and the naive Map-based cosine', () => {
    fc.assert(
      fc.property(fc.array(arbOp, { maxLength: 25 }), fc.boolean(), (ops, queryBetween) => {
        const live = new Map<number, NaiveDoc>();
        const index = new TextIndex(DEFAULT_INDEX_OPTIONS);
        for (const op of ops) {
          if (op.kind === 'set') {
            index.setDocument(op.id, op.doc);
            live.set(op.id, op.doc);
          } else {
            expect(index.removeDocument(op.id)).toBe(live.delete(op.id));
          }
          // reading between writes must not change the outcome (postings move from delta to base)
          if (queryBetween && live.size > 0) index.cosine(index.vectorOf([...live.keys()][0]!, 'profile'), 'profile', 0);
        }
        const slots = [...live.keys()].sort((a, b) => a - b);
        const fresh = new TextIndex(DEFAULT_INDEX_OPTIONS);
        for (const s of slots) fresh.setDocument(s, live.get(s)!);
        const naive = naiveCorpus(new Map(slots.map((s) => [String(s), live.get(s)!])));
        expect(index.size).toBe(live.size);
        for (const x of slots) {
          for (const y of slots) {
            for (const [f, g] of [['profile', 'profile'], ['needs', 'offers']] as const) {
              const got = index.cosine(index.vectorOf(x, f), g, y);
              expect(near(got, fresh.cosine(fresh.vectorOf(x, f), g, y), 12)).toBe(true);
              expect(near(got, naive.fieldCosine(String(x), f, String(y), g), 9)).toBe(true);
            }
          }
          // postings agree with the forward vectors: accumulate = the dot product for every document, within the
          // float32 slack (in double precision the two sides differ by ~1e-16 only)
          const acc = new Float32Array(8);
          const touched = new TouchedSet();
          const q = index.vectorOf(x, 'profile');
          index.accumulate(q, 'profile', acc, touched, Infinity);
          const { up, down } = accSlack(q);
          for (const y of slots) {
            const viaPostings = acc[y]! * q.invNorm * index.invNormOf(y, 'profile');
            const exact = index.cosine(q, 'profile', y);
            expect(viaPostings * down).toBeLessThanOrEqual(exact + 1e-14);
            expect(viaPostings * up).toBeGreaterThanOrEqual(exact - 1e-14);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('with a re-weighting tolerance, keeps idf stale until enough documents changed', () => {
    const index = new TextIndex({ ...DEFAULT_INDEX_OPTIONS, reweightAfter: 0.5 });
    for (let i = 0; i < 10; i++) index.setDocument(i, doc(['common', `own${i}`]));
    const before = index.idfOf('common');
    index.setDocument(10, doc(['common', 'new']));
    expect(index.idfOf('common')).toBe(before); // 1 change out of 11 documents: within tolerance
    for (let i = 11; i < 21; i++) index.setDocument(i, doc(['other']));
    // 11 changes > 0.5 × 21 documents: re-weighted, N = 21, df(common) = 11
    expect(index.idfOf('common')).toBeCloseTo(Math.log(22 / 12) + 1, 12);
  });
});

describe('impact-ordered walks with cuts', () => {
  // Every document with a posting worth at least its term's cut is touched, and what the walk left out of a
  // document's cosine is below the sum of the cuts — fresh, and after updates that leave stale base postings.
  it('touch every document a cut posting reaches and miss less than the sum of the cuts', () => {
    fc.assert(
      fc.property(
        fc.array(arbDoc.map(whole), { minLength: 1, maxLength: 6 }),
        fc.array(arbOp, { maxLength: 10 }),
        fc.boolean(),
        fc.array(fc.oneof(fc.constant(0), fc.constant(Infinity), fc.double({ min: 0, max: 0.6, noNaN: true })), { minLength: 10, maxLength: 10 }),
        (initial, ops, queryBetween, cuts) => {
          const live = new Map<number, NaiveDoc>();
          const index = new TextIndex(DEFAULT_INDEX_OPTIONS);
          // a base of postings first, then updates (they leave stale base postings until the next rebuild)
          initial.forEach((d, slot) => {
            index.setDocument(slot, d);
            live.set(slot, d);
          });
          index.refresh();
          for (const op of ops) {
            if (op.kind === 'set') {
              index.setDocument(op.id, op.doc);
              live.set(op.id, op.doc);
            } else {
              index.removeDocument(op.id);
              live.delete(op.id);
            }
            if (queryBetween && live.size > 0) index.refresh();
          }
          for (const x of live.keys()) {
            const q = index.vectorOf(x, 'needs');
            const cut = Float64Array.from(q.terms, (_, i) => cuts[i]!);
            const acc = new Float32Array(8);
            const touched = new TouchedSet();
            index.accumulateSelected(q, 'offers', acc, touched, cut);
            const { up, down } = accSlack(q);
            const slack = cut.reduce((s, c) => s + (c === Infinity ? 0 : c), 0);
            for (const y of live.keys()) {
              const exact = index.cosine(q, 'offers', y);
              const walked = acc[y]! * q.invNorm * index.invNormOf(y, 'offers');
              // the postings of y, each worth c(y, i) = q_i/‖q‖ · w(y,t_i)/‖w(y)‖
              const doc = index.vectorOf(y, 'offers');
              let reached = false;
              let missedInfinite = 0;
              q.terms.forEach((t, i) => {
                const j = doc.terms.indexOf(t);
                if (j < 0) return;
                const c = q.weights[i]! * q.invNorm * doc.weights[j]! * doc.invNorm;
                if (cut[i] === Infinity) missedInfinite += c;
                else if (c >= cut[i]! * (1 + 1e-6)) reached = true;
              });
              if (reached) expect(touched.has(y)).toBe(true);
              if (!touched.has(y)) expect(walked).toBe(0);
              expect(walked * down).toBeLessThanOrEqual(exact + 1e-14);
              expect(exact - walked * up).toBeLessThanOrEqual(slack + missedInfinite + 1e-14);
            }
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
