/**
 * The page a person sees after following the unsubscribe link of a digest e-mail: one short confirmation in Korean
 * and in English (the link does not say which language the mail was in), self-contained (no scripts, no outside
 * resources) so it renders under helmet's content security policy.
 */
import type { UnsubscribeResult } from '../app/digest-unsubscribe.js';

const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * `kim@example.kr` → `k***@example.kr`: enough for the person to recognise the address, while a link forwarded
 * or opened by a scanner does not put a contact's full address on a page (the API shows contacts to admins only).
 */
export function maskAddress(email: string): string {
  const at = email.lastIndexOf('@');
  return at <= 0 ? '***' : `${email.slice(0, 1)}***${email.slice(at)}`;
}

export function renderUnsubscribePage(result: UnsubscribeResult): string {
  const email = escape(maskAddress(result.email));
  const ko = result.changed
    ? `<b>${email}</b> 주소로 보내던 innomatch 주간 협업 추천 메일을 더 이상 보내지 않습니다.`
    : `<b>${email}</b> 주소는 이미 주간 협업 추천 메일을 받지 않도록 되어 있습니다.`;
  const en = result.changed
    ? `<b>${email}</b> will no longer receive the innomatch weekly partner suggestions.`
    : `<b>${email}</b> was already unsubscribed from the innomatch weekly partner suggestions.`;
  return `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>수신 거부 완료 · Unsubscribed — innomatch</title>
<style>body{font:16px/1.6 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#222}h1{font-size:1.3rem}section+section{border-top:1px solid #ddd;margin-top:1.5rem}small{color:#666}</style>
</head><body>
<section lang="ko"><h1>수신 거부가 완료되었습니다</h1><p>${ko}</p><p><small>다시 받으시려면 소속 기관의 담당 코디네이터에게 알려 주세요.</small></p></section>
<section lang="en"><h1>You are unsubscribed</h1><p>${en}</p><p><small>To receive them again, ask your sector coordinator.</small></p></section>
</body></html>`;
}
