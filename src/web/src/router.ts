/** Hash routes (`#/org/wizcore`): the server serves one file, and a reload lands on the same view. */
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { readonly page: 'search'; readonly q: string }
  | { readonly page: 'org'; readonly id: string }
  | { readonly page: 'team'; readonly id: string }
  | { readonly page: 'board'; readonly sector: string | undefined };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter((p) => p !== '').map(decodeURIComponent);
  const [head, arg] = parts;
  if (head === 'org' && arg !== undefined) return { page: 'org', id: arg };
  if (head === 'team' && arg !== undefined) return { page: 'team', id: arg };
  if (head === 'board') return { page: 'board', sector: arg };
  return { page: 'search', q: new URLSearchParams(query).get('q') ?? '' };
}

export function href(route: Route): string {
  switch (route.page) {
    case 'search':
      return route.q === '' ? '#/search' : `#/search?${new URLSearchParams({ q: route.q }).toString()}`;
    case 'org':
      return `#/org/${encodeURIComponent(route.id)}`;
    case 'team':
      return `#/team/${encodeURIComponent(route.id)}`;
    case 'board':
      return route.sector === undefined ? '#/board' : `#/board/${encodeURIComponent(route.sector)}`;
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function navigate(route: Route, replace = false): void {
  const target = href(route);
  if (replace) {
    history.replaceState(null, '', target);
    dispatchEvent(new HashChangeEvent('hashchange'));
  } else location.hash = target;
}
