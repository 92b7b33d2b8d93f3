/**
 * Response bodies are built field by field from allow-lists: a field added to a domain type does not reach a
 * client until it is added here (and to the response schema these functions are typed against).
 */
import type { ImportReport } from '../app/import/import-files.js';
import type { Contact, Introduction, Organization } from '../domain/index.js';
import type { OrganizationSummary, PublicOrganization } from './responses.js';

const name = (n: Organization['name']): Organization['name'] => ({
  ...(n.ko !== undefined ? { ko: n.ko } : {}),
  ...(n.en !== undefined ? { en: n.en } : {}),
});

const contact = (c: Contact): Contact => ({ name: c.name, email: c.email, locale: c.locale, digest: c.digest });

export function toPublicOrganization(o: Organization, withContacts: boolean): PublicOrganization {
  return {
    id: o.id,
    name: name(o.name),
    type: o.type,
    sectors: [...o.sectors],
    ...(o.region !== undefined ? { region: o.region } : {}),
    description: o.description,
    technologies: [...o.technologies],
    offers: [...o.offers],
    needs: [...o.needs],
    ...(o.founded !== undefined ? { founded: o.founded } : {}),
    ...(o.employees !== undefined ? { employees: o.employees } : {}),
    ...(o.website !== undefined ? { website: o.website } : {}),
    ...(o.source !== undefined ? { source: o.source } : {}),
    optedOut: o.optedOut,
    ...(withContacts ? { contacts: o.contacts.map(contact) } : {}),
  };
}

export function toOrganizationSummary(o: Organization): OrganizationSummary {
  return { id: o.id, name: name(o.name), type: o.type, sectors: [...o.sectors], ...(o.region !== undefined ? { region: o.region } : {}) };
}

export function toPublicIntroduction(i: Introduction): Introduction {
  return {
    id: i.id,
    a: i.a,
    b: i.b,
    proposedBy: i.proposedBy,
    sectors: [...i.sectors],
    ...(i.note !== undefined ? { note: i.note } : {}),
    status: i.status,
    ...(i.outcome !== undefined ? { outcome: i.outcome } : {}),
    reasons: [...i.reasons],
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    history: i.history.map((h) => ({ status: h.status, at: h.at, by: h.by, ...(h.reason !== undefined ? { reason: h.reason } : {}) })),
  };
}

/** The import report carries nothing private (names of the arrays, positions, field names, reasons). */
export function toImportReport(r: ImportReport): ImportReport {
  return {
    files: r.files.map((f) => ({ name: f.name, kind: f.kind, format: f.format, rows: f.rows, accepted: f.accepted })),
    rejected: r.rejected.map((x) => ({ file: x.file, line: x.line, field: x.field, reason: x.reason.slice(0, 500) })),
    ...(r.applied !== undefined ? { applied: r.applied } : {}),
    landed: r.landed,
  };
}
