/**
 * `/docs`: the OpenAPI document rendered as one self-contained HTML page (no scripts, no CDN: it must work on
 * an offline machine and under helmet's default content security policy).
 */
import { ERRORS, type ErrorCode } from '../domain/index.js';
import type { OpenApiDocument, OpenApiOperation } from './openapi.js';

const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** Back-quoted spans become <code>. */
const prose = (s: string): string => escape(s).replace(/`([^`]+)`/g, '<code>$1</code>');

const json = (v: unknown): string => `<pre>${escape(JSON.stringify(v, null, 2))}</pre>`;

/** A parameter's schema in a few words (`list of: startup | sme`, `integer ≥ 1, default 20`); JSON as a fallback. */
function summarize(s: Readonly<Record<string, unknown>>): string {
  const parts: string[] = [];
  if (Array.isArray(s['enum'])) parts.push(`one of ${s['enum'].map(String).join(' | ')}`);
  else if (s['type'] === 'array' && typeof s['items'] === 'object' && s['items'] !== null) {
    parts.push(`list of ${summarize(s['items'] as Record<string, unknown>)}`);
  } else if (typeof s['type'] === 'string') parts.push(s['type']);
  else return JSON.stringify(s);
  if (typeof s['pattern'] === 'string') parts.push(`matching ${s['pattern']}`);
  if (typeof s['minimum'] === 'number') parts.push(`≥ ${s['minimum']}`);
  if (typeof s['maximum'] === 'number' && s['maximum'] < Number.MAX_SAFE_INTEGER) parts.push(`≤ ${s['maximum']}`);
  if (typeof s['maxLength'] === 'number') parts.push(`at most ${s['maxLength']} characters`);
  if (typeof s['maxItems'] === 'number') parts.push(`at most ${s['maxItems']}`);
  if (s['default'] !== undefined) parts.push(`default ${JSON.stringify(s['default'])}`);
  return parts.join(', ');
}

function operation(path: string, method: string, op: OpenApiOperation): string {
  const params =
    op.parameters.length === 0
      ? ''
      : `<table><tr><th>parameter</th><th>in</th><th>required</th><th>schema</th><th>meaning</th></tr>${op.parameters
          .map(
            (p) =>
              `<tr><td><code>${escape(p.name)}</code></td><td>${p.in}</td><td>${p.required ? 'yes' : 'no'}</td><td>${escape(summarize(p.schema))}</td><td>${prose(p.description ?? '')}</td></tr>`,
          )
          .join('')}</table>`;
  const body = op.requestBody === undefined ? '' : `<details><summary>request body (application/json)</summary>${json(op.requestBody.content['application/json'].schema)}</details>`;
  const answers = Object.entries(op.responses)
    .map(([status, r]) => {
      const [type, media] = Object.entries(r.content ?? {})[0] ?? [];
      const schema = media !== undefined && type === 'application/json' ? `<details><summary>schema</summary>${json(media.schema)}</details>` : '';
      const codes = type === 'application/problem+json' ? r.description.split(', ').map((c) => `<a href="#error-${escape(c)}">${escape(c)}</a>`).join(', ') : prose(r.description);
      return `<li><b>${escape(status)}</b> ${codes}${schema}</li>`;
    })
    .join('');
  return `<section id="${escape(op.operationId)}">
<h3><span class="m ${escape(method)}">${escape(method.toUpperCase())}</span> <code>${escape(path)}</code></h3>
<p>${prose(op.summary)}${op.security.length > 0 ? ' <span class="key">API key</span>' : ''}</p>
${op.description !== undefined ? `<p>${prose(op.description)}</p>` : ''}${params}${body}<ul>${answers}</ul></section>`;
}

export function renderDocsPage(doc: OpenApiDocument): string {
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([m, op]) => ({ path, m, op })));
  const tags = [...new Set(ops.flatMap((o) => o.op.tags))];
  const errors = (Object.keys(ERRORS) as ErrorCode[])
    .map(
      (c) =>
        `<tr id="error-${c}"><td><code>${c}</code></td><td>${ERRORS[c].status}</td><td>${escape(ERRORS[c].title)}</td><td>${escape(ERRORS[c].template)}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(doc.info.title)} ${escape(doc.info.version)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
code,pre{font:13px ui-monospace,monospace}pre{background:#f5f5f5;padding:.5rem;overflow:auto}
section{border-top:1px solid #ddd;padding:.5rem 0}table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ddd;padding:.2rem .4rem;text-align:left;vertical-align:top;overflow-wrap:break-word}
.m{display:inline-block;min-width:4rem;text-align:center;color:#fff;border-radius:3px;font-size:13px}.get{background:#2a7}.post{background:#27c}.put{background:#c72}.patch{background:#a5c}.delete{background:#c33}
.key{font-size:12px;background:#eee;border-radius:3px;padding:0 .3rem}
</style></head><body>
<h1>${escape(doc.info.title)} <small>${escape(doc.info.version)}</small></h1>
<p>${prose(doc.info.description)} The machine-readable document is <a href="/openapi.json">/openapi.json</a>.</p>
<nav><ul>${tags.map((t) => `<li><a href="#tag-${escape(t)}">${escape(t)}</a></li>`).join('')}<li><a href="#errors">error codes</a></li></ul></nav>
${tags
  .map((t) => `<h2 id="tag-${escape(t)}">${escape(t)}</h2>${ops.filter((o) => o.op.tags.includes(t)).map((o) => operation(o.path, o.m, o.op)).join('\n')}`)
  .join('\n')}
<h2 id="errors">error codes</h2><p>The <code>code</code> member of every problem answer; <code>detail</code> follows the template.</p>
<table><tr><th>code</th><th>status</th><th>title</th><th>detail</th></tr>${errors}</table>
</body></html>`;
}
