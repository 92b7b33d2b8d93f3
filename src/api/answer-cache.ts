/**
 * Serialised answers of a read-only endpoint, kept for one generation of the match service (see
 * `MatchServicePort.generation`): an answer stored at generation g is served only while the service is still at
 * g, so a write reported through the API (which bumps the generation before it is acknowledged) is never followed
 * by an answer computed before it. Least recently used answers go first once `maxBytes` is exceeded.
 *
 * Why bytes and not results: a match list with explanations is ~40 kB of JSON; serialising it again costs about
 * as much as the rest of the request, and the bytes take less memory than the objects they came from.
 */
export class AnswerCache {
  private readonly entries = new Map<string, Buffer>();
  private generation = -1;
  private bytes = 0;

  /** @param maxBytes budget for the stored bodies (0 turns the cache off). */
  constructor(private readonly maxBytes: number) {}

  /** The body stored under `key` at `generation`, if the cache is still at that generation. */
  get(key: string, generation: number): Buffer | undefined {
    this.follow(generation);
    const body = generation === this.generation ? this.entries.get(key) : undefined;
    if (body === undefined) return undefined;
    this.entries.delete(key); // most recently used last
    this.entries.set(key, body);
    return body;
  }

  /**
   * Stores `body`, computed from the service at `generation` (read before the computation began). A body from
   * an older generation than the cache has already seen is dropped: it may predate a write.
   */
  set(key: string, generation: number, body: Buffer): void {
    this.follow(generation);
    if (generation !== this.generation || body.length > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.bytes -= old.length;
      this.entries.delete(key);
    }
    this.entries.set(key, body);
    this.bytes += body.length;
    for (const [k, b] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= b.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** A newer generation empties the cache; an older one (a late caller) changes nothing. */
  private follow(generation: number): void {
    if (generation <= this.generation) return;
    this.generation = generation;
    this.entries.clear();
    this.bytes = 0;
  }
}

/** A JSON body serialised once (see {@link AnswerCache}); `registerRoutes` sends its bytes as they are. */
export class JsonText {
  constructor(readonly bytes: Buffer) {}
}

const caches = new WeakMap<object, AnswerCache>();

/**
 * The answer for `key` from `service`'s cache when it is current, else `compute()` serialised and kept. One cache
 * per service (answers depend on the service only), created with `maxBytes` on first use.
 */
export async function cachedJson(
  service: { readonly generation: number },
  maxBytes: number,
  key: string,
  compute: () => Promise<unknown>,
): Promise<JsonText> {
  let cache = caches.get(service);
  if (cache === undefined) caches.set(service, (cache = new AnswerCache(maxBytes)));
  const generation = service.generation; // before computing: a write meanwhile makes this answer old at once
  const hit = cache.get(key, generation);
  if (hit !== undefined) return new JsonText(hit);
  const body = Buffer.from(JSON.stringify(await compute()), 'utf8');
  cache.set(key, generation, body);
  return new JsonText(body);
}
