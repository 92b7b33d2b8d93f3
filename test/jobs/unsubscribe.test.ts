import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveDigestSecret } from '../../src/app/digest-secret.js';
import { signUnsubscribeToken, unsubscribeFromDigest, verifyUnsubscribeToken } from '../../src/app/digest-unsubscribe.js';
import { asOrgId } from '../../src/domain/index.js';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { org } from '../fixtures/builders.js';

const SECRET = 'a'.repeat(64);
const subject = { orgId: asOrgId('wizcore'), email: 'Kim@Example.kr' };

describe('unsubscribe tokens', () => {
  it('carry the organisation and the address, and verify under the same secret only', () => {
    const token = signUnsubscribeToken(SECRET, subject);
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyUnsubscribeToken(SECRET, token)).toEqual({ orgId: 'wizcore', email: 'kim@example.kr' });
    expect(() => verifyUnsubscribeToken('b'.repeat(64), token)).toThrow('the unsubscribe link is invalid or has been altered');
  });

  it('reject anything altered, truncated or made up', () => {
    const token = signUnsubscribeToken(SECRET, subject);
    const [v, payload, mac] = token.split('.') as [string, string, string];
    const other = Buffer.from(JSON.stringify(['kt', 'kim@example.kr'])).toString('base64url');
    for (const bad of [`${v}.${other}.${mac}`, `${v}.${payload}.${mac.slice(0, -2)}`, `v2.${payload}.${mac}`, `${token}.x`, '', 'v1..', 'garbage']) {
      expect(() => verifyUnsubscribeToken(SECRET, bad), bad).toThrow(expect.objectContaining({ code: 'INVALID_TOKEN' }));
    }
  });
});

describe('unsubscribeFromDigest', () => {
  let store: EmbeddedStore | undefined;
  afterEach(async () => store?.close());

  it("turns the contact's digest off, leaves the others alone, and is idempotent", async () => {
    store = await EmbeddedStore.open({ dataDir: mkdtempSync(join(tmpdir(), 'innomatch-unsub-')) });
    await store.applyBatch({
      organizations: [
        org('wizcore', {
          contacts: [
            { name: 'Kim', email: 'kim@example.kr', digest: true },
            { name: 'Lee', email: 'lee@example.kr', digest: true },
          ],
        }),
      ],
    });
    const token = signUnsubscribeToken(SECRET, subject);
    expect(await unsubscribeFromDigest(store, SECRET, token)).toMatchObject({ orgId: 'wizcore', changed: true });
    const after = await store.getOrganization(asOrgId('wizcore'));
    expect(after?.contacts.map((c) => [c.email, c.digest])).toEqual([
      ['kim@example.kr', false],
      ['lee@example.kr', true],
    ]);
    expect(await unsubscribeFromDigest(store, SECRET, token)).toMatchObject({ changed: false });
    const gone = signUnsubscribeToken(SECRET, { orgId: asOrgId('nobody'), email: 'x@example.kr' });
    expect(await unsubscribeFromDigest(store, SECRET, gone)).toMatchObject({ changed: false });
    await expect(unsubscribeFromDigest(store, SECRET, `${token}x`)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
  });
});

describe('resolveDigestSecret', () => {
  it('uses INNOMATCH_SECRET when set', async () => {
    expect(await resolveDigestSecret({ secret: SECRET, store: { kind: 'neo4j', dataDir: '/nonexistent' } })).toBe(SECRET);
  });

  it('creates one random secret in the embedded data directory and keeps it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'innomatch-secret-'));
    const [a, b] = await Promise.all([
      resolveDigestSecret({ store: { kind: 'embedded', dataDir } }),
      resolveDigestSecret({ store: { kind: 'embedded', dataDir } }),
    ]);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
    expect(await resolveDigestSecret({ store: { kind: 'embedded', dataDir } })).toBe(a);
    expect(readFileSync(join(dataDir, 'secret'), 'utf8')).toBe(a);
    expect(statSync(join(dataDir, 'secret')).mode & 0o777).toBe(0o600);
  });

  it('refuses a file it did not write, and Neo4j without INNOMATCH_SECRET', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'innomatch-secret-'));
    writeFileSync(join(dataDir, 'secret'), 'hunter2');
    await expect(resolveDigestSecret({ store: { kind: 'embedded', dataDir } })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    await expect(resolveDigestSecret({ store: { kind: 'neo4j', dataDir } })).rejects.toThrow(/INNOMATCH_SECRET must be set/);
  });
});
