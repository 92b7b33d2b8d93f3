import { describe, expect, it } from 'vitest';
import { AnswerCache, cachedJson } from '../../src/api/answer-cache.js';

const body = (text: string) => Buffer.from(text, 'utf8');

describe('AnswerCache', () => {
  it('When an answer was stored at generation g, then it is served at g and never once the generation moved on', () => {
    const cache = new AnswerCache(1024);
    cache.set('a', 3, body('one'));
    expect(cache.get('a', 3)?.toString()).toBe('one');
    expect(cache.get('a', 4)).toBeUndefined();
    expect(cache.get('a', 3)).toBeUndefined(); // a late caller cannot bring it back either
    expect(cache.size).toBe(0);
  });

  it('When an answer computed at an older generation arrives late, then it is dropped', () => {
    const cache = new AnswerCache(1024);
    cache.set('a', 5, body('new'));
    cache.set('b', 4, body('computed before a write'));
    expect(cache.get('b', 5)).toBeUndefined();
    expect(cache.get('a', 5)?.toString()).toBe('new');
  });

  it('When the byte budget is exceeded, then the least recently used answers go first; a budget of 0 keeps nothing', () => {
    const cache = new AnswerCache(10);
    cache.set('a', 0, body('aaaa'));
    cache.set('b', 0, body('bbbb'));
    cache.get('a', 0); // a is now more recent than b
    cache.set('c', 0, body('cccc'));
    expect([cache.get('a', 0)?.toString(), cache.get('b', 0), cache.get('c', 0)?.toString()]).toEqual(['aaaa', undefined, 'cccc']);
    cache.set('big', 0, body('x'.repeat(11)));
    expect(cache.get('big', 0)).toBeUndefined();
    const off = new AnswerCache(0);
    off.set('a', 0, body('a'));
    expect(off.size).toBe(0);
  });
});

describe('cachedJson', () => {
  it('When a service is asked twice at one generation, then it computes once; after its generation moves, again; services never share answers', async () => {
    let calls = 0;
    const compute = async () => ({ n: ++calls });
    const service = { generation: 1 };
    const other = { generation: 1 };
    expect((await cachedJson(service, 1024, 'k', compute)).bytes.toString()).toBe('{"n":1}');
    expect((await cachedJson(service, 1024, 'k', compute)).bytes.toString()).toBe('{"n":1}');
    expect((await cachedJson(other, 1024, 'k', compute)).bytes.toString()).toBe('{"n":2}');
    service.generation = 2;
    expect((await cachedJson(service, 1024, 'k', compute)).bytes.toString()).toBe('{"n":3}');
  });

  it('When the generation moves while an answer is computed, then that answer is served once but not kept', async () => {
    let calls = 0;
    const service = { generation: 7 };
    const compute = async () => {
      service.generation++; // a write lands while we compute
      return { n: ++calls };
    };
    await cachedJson(service, 1024, 'k', compute);
    expect((await cachedJson(service, 1024, 'k', async () => ({ n: ++calls }))).bytes.toString()).toBe('{"n":2}');
  });
});
