/**
 * autocannon `setupRequest` for bench:api's `matches (new)` row, loaded by autocannon's worker thread (hence
 * CommonJS): every request asks for an organisation not asked before in the run — the next one of a fixed
 * shuffle of all organisations, from INNOMATCH_BENCH_FROM on — so no answer can come from a cache and each one is
 * ranked and explained. INNOMATCH_BENCH_N is the number of organisations.
 */
'use strict';

const n = Number(process.env.INNOMATCH_BENCH_N);
let next = Number(process.env.INNOMATCH_BENCH_FROM ?? 0);
if (!Number.isInteger(n) || n < 1) throw new Error('bench:api: INNOMATCH_BENCH_N must be set to the number of organisations');

/** i ↦ a permutation of 0..n-1 (multiplying by a prime that does not divide n walks every residue once). */
const STRIDE = n % 7919 === 0 ? 1 : 7919;
const slot = (i) => (((i % n) * STRIDE) % n);

module.exports = (req) => ({ ...req, path: `/v1/organizations/org-${slot(next++)}/matches?limit=10&includeExisting=true` });
