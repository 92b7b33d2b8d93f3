/** What every view of a signed-in page shares: the API client, who the key is, the directory. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from './api/client';
import type { Identity } from './api/session';
import type { OrgSummary } from './api/types';

export type Directory = ReadonlyMap<string, OrgSummary & { readonly sectors: readonly string[] }>;

export interface Session {
  readonly api: Api;
  /** Undefined while it is being worked out. */
  readonly identity: Identity | undefined;
  readonly directory: Directory;
  readonly signOut: () => void;
}

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (s === undefined) throw new Error('web: useSession outside a signed-in page');
  return s;
}
