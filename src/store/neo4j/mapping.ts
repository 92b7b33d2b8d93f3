/**
 * Domain records ⇄ Neo4j properties. Nodes hold flat properties (strings, numbers, booleans and lists of
 * strings); nested values (names, contacts, introduction history) are flattened or kept as JSON; an
 * organisation's whole profile is one JSON string beside the few properties that queries filter on.
 * Organisations are mapped by hand because whole-graph reads return every one of them; the other records are
 * few and go back through their zod schemas.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  asOrgId,
  LocaleSchema,
  DigestDeliverySchema,
  digestKey,
  IntroductionSchema,
  OrganizationTypeSchema,
  ProgrammeSchema,
  type Collaboration,
  type Contact,
  type DigestDelivery,
  type Introduction,
  type Organization,
  type Programme,
} from '../../domain/index.js';
import { isEncodedOrganization, type ApiKeyRecord, type EncodedOrganization } from '../graph-store.js';

/** A node's properties as the driver returns them (`properties(n)`), or as we send them. */
export type Props = Record<string, unknown>;

/** JSON with object keys sorted, so two equal records always serialise to the same text. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Props = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Props)[k];
    return sorted;
  });
}

const nullable = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

const utf8 = new TextDecoder();

/**
 * An organisation's node properties. Only what Cypher reads or filters on is a property of its own (`id`, the
 * names, `type`, `sectors`, `region`); the whole profile is one `profile` property, its JSON text, which is what
 * reads return. One string instead of ~15 properties (each a record in the transaction state, most of them strings
 * the driver encodes one by one) makes a batch smaller; a profile that came as text (an {@link EncodedOrganization})
 * is stored as that very text, never serialised again. (A string, not the UTF-8 bytes: the driver packs a byte
 * array one byte at a time, ~6 s of CPU per 100k profiles, while it encodes a string natively.)
 *
 * `fingerprint` is the SHA-256 of the profile's canonical JSON ({@link canonicalOrgJson}), so it tells whether a
 * re-ingested profile changed anything whether the profile came as an object or as text (with keys in any order).
 */
export function orgToProps(o: Organization | EncodedOrganization): Props {
  const text = isEncodedOrganization(o) ? utf8.decode(o.text) : undefined;
  const value = text === undefined ? (o as Organization) : (JSON.parse(text) as Organization);
  const canonical = canonicalOrgJson(value);
  return {
    id: value.id,
    name_ko: nullable(value.name.ko),
    name_en: nullable(value.name.en),
    type: value.type,
    sectors: value.sectors,
    region: nullable(value.region),
    profile: text ?? canonical,
    fingerprint: createHash('sha256').update(canonical).digest('base64url'),
  };
}

/** The profile's JSON with its fields (and each contact's) in one fixed order and absent optional fields left out. */
export function canonicalOrgJson(o: Organization): string {
  return JSON.stringify(canonicalOrg(o));
}

/** The organisation rebuilt field by field in the canonical order; only known fields are kept. */
function canonicalOrg(o: Organization): Organization {
  return {
    id: o.id,
    name: { ...(o.name.ko !== undefined ? { ko: o.name.ko } : {}), ...(o.name.en !== undefined ? { en: o.name.en } : {}) },
    type: o.type,
    sectors: o.sectors,
    ...(o.region !== undefined ? { region: o.region } : {}),
    description: o.description,
    technologies: o.technologies,
    offers: o.offers,
    needs: o.needs,
    ...(o.founded !== undefined ? { founded: o.founded } : {}),
    ...(o.employees !== undefined ? { employees: o.employees } : {}),
    ...(o.website !== undefined ? { website: o.website } : {}),
    contacts: o.contacts.map((c) => ({ name: c.name, email: c.email, locale: c.locale, digest: c.digest })),
    ...(o.source !== undefined ? { source: o.source } : {}),
    optedOut: o.optedOut,
  };
}

/**
 * The organisation from its node: the `profile` JSON (written by {@link orgToProps} from a validated value, so
 * only its shape is checked here), or, for a node written before profiles were
 * kept whole, its flat properties.
 */
export function orgFromProps(p: Props): Organization {
  const profile = p.profile;
  if (profile === null || profile === undefined) return orgFromFlatProps(p);
  if (typeof profile !== 'string') throw new Error('store/neo4j: property profile is not text');
  let value: unknown;
  try {
    value = JSON.parse(profile);
  } catch (e) {
    throw new Error(`store/neo4j: the stored profile of ${String(p.id)} is not JSON (${(e as Error).message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('store/neo4j: a stored profile is not an object');
  const v = value as Props;
  const name = (v.name ?? {}) as Props;
  return orgFromFlatProps({
    ...v,
    name_ko: name.ko,
    name_en: name.en,
    contacts: v.contacts ?? [],
  });
}

/** The organisation from flat properties (contacts as a JSON string, or already a list). */
function orgFromFlatProps(p: Props): Organization {
  const nameKo = optString(p, 'name_ko');
  const nameEn = optString(p, 'name_en');
  const region = optString(p, 'region');
  const founded = optNumber(p, 'founded');
  const employees = optNumber(p, 'employees');
  const website = optString(p, 'website');
  const source = optString(p, 'source');
  return {
    id: asOrgId(string(p, 'id')),
    name: { ...(nameKo !== undefined ? { ko: nameKo } : {}), ...(nameEn !== undefined ? { en: nameEn } : {}) },
    type: OrganizationTypeSchema.parse(p.type),
    sectors: strings(p, 'sectors'),
    ...(region !== undefined ? { region } : {}),
    description: string(p, 'description'),
    technologies: strings(p, 'technologies'),
    offers: strings(p, 'offers'),
    needs: strings(p, 'needs'),
    ...(founded !== undefined ? { founded } : {}),
    ...(employees !== undefined ? { employees } : {}),
    ...(website !== undefined ? { website } : {}),
    contacts: contactsFrom(Array.isArray(p.contacts) ? p.contacts : JSON.parse(string(p, 'contacts'))),
    ...(source !== undefined ? { source } : {}),
    optedOut: p.optedOut === true,
  };
}

/** Contacts were validated on the way in and written by {@link orgToProps}; only their shape is checked here. */
function contactsFrom(list: unknown): Contact[] {
  if (!Array.isArray(list)) throw new Error('store/neo4j: contacts is not a list');
  return list.map((c: Props) => {
    if (typeof c.name !== 'string' || typeof c.email !== 'string' || typeof c.digest !== 'boolean') {
      throw new Error('store/neo4j: a stored contact is malformed');
    }
    return { name: c.name, email: c.email, locale: LocaleSchema.parse(c.locale), digest: c.digest };
  });
}

/**
 * A row for COLLAB_CREATE / COLLAB_MERGE: the ends as element ids, then the relationship's properties. Absent
 * evidence is written as '' (MERGE cannot match on null), and read back as absent ({@link collabFromRecord}).
 */
export function collabRow(c: Collaboration, a: string, b: string): Props {
  return { a, b, kind: c.kind, year: nullable(c.year), evidence: c.evidence ?? '' };
}

export function collabFromRecord(r: Props): Collaboration {
  const year = optNumber(r, 'year');
  const evidence = optString(r, 'evidence') || undefined;
  return {
    a: asOrgId(string(r, 'a')),
    b: asOrgId(string(r, 'b')),
    kind: r.kind as Collaboration['kind'],
    ...(year !== undefined ? { year } : {}),
    ...(evidence !== undefined ? { evidence } : {}),
  };
}

export function programmeToRow(p: Programme): Props {
  return {
    props: {
      id: p.id,
      name_ko: nullable(p.name.ko),
      name_en: nullable(p.name.en),
      kind: p.kind,
      sectors: p.sectors,
      year: nullable(p.year),
      description: p.description,
    },
    participants: p.participants,
  };
}

export function programmeFromRecord(p: Props, participants: unknown): Programme {
  return ProgrammeSchema.parse({
    id: p.id,
    name: { ...(p.name_ko != null ? { ko: p.name_ko } : {}), ...(p.name_en != null ? { en: p.name_en } : {}) },
    kind: p.kind,
    sectors: p.sectors,
    ...(p.year != null ? { year: p.year } : {}),
    description: p.description,
    participants,
  });
}

export function introToProps(i: Introduction): Props {
  return {
    id: i.id,
    a: i.a,
    b: i.b,
    proposedBy: i.proposedBy,
    sectors: i.sectors,
    note: nullable(i.note),
    status: i.status,
    outcome: nullable(i.outcome),
    reasons: i.reasons,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    history: JSON.stringify(i.history),
  };
}

export function introFromProps(p: Props): Introduction {
  return IntroductionSchema.parse({ ...withoutNulls(p), history: JSON.parse(string(p, 'history')) });
}

export function deliveryToProps(d: DigestDelivery): Props {
  return { ...d, error: nullable(d.error), key: digestKey(d) };
}

export function deliveryFromProps(p: Props): DigestDelivery {
  const { key: _key, ...rest } = withoutNulls(p);
  return DigestDeliverySchema.parse(rest);
}

export function apiKeyToProps(k: ApiKeyRecord): Props {
  return { ...k, orgId: nullable(k.orgId), revoked: nullable(k.revoked) };
}

const ApiKeySchema = z.strictObject({
  id: z.string(),
  hash: z.string(),
  role: z.enum(['admin', 'coordinator', 'member']),
  sectors: z.array(z.string()),
  orgId: z.string().transform(asOrgId).optional(),
  createdAt: z.string(),
  revoked: z.boolean().optional(),
});

export function apiKeyFromProps(p: Props): ApiKeyRecord {
  return ApiKeySchema.parse(withoutNulls(p));
}

function withoutNulls(p: Props): Props {
  const out: Props = {};
  for (const [k, v] of Object.entries(p)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}

function string(p: Props, key: string): string {
  const v = p[key];
  if (typeof v !== 'string') throw new Error(`store/neo4j: property ${key} is not a string (${typeof v})`);
  return v;
}

function optString(p: Props, key: string): string | undefined {
  return p[key] === null || p[key] === undefined ? undefined : string(p, key);
}

function optNumber(p: Props, key: string): number | undefined {
  const v = p[key];
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'number') throw new Error(`store/neo4j: property ${key} is not a number (${typeof v})`);
  return v;
}

function strings(p: Props, key: string): string[] {
  const v = p[key];
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) {
    throw new Error(`store/neo4j: property ${key} is not a list of strings`);
  }
  return v as string[];
}
