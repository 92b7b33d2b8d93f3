/**
 * What `createApp` needs. The match service is the lead's `src/app/match-service.ts`; the API sees it only
 * through {@link MatchServicePort} so routes, tests and the OpenAPI document do not depend on engine internals.
 */
import type { Logger } from 'pino';
import type { Clock } from '../app/clock.js';
import type { GraphStore } from '../store/graph-store.js';
import type { ApiLimits } from './limits.js';

export type { DataChange, MatchFilters, MatchRequest, MatchServicePort, Opportunity, OpportunityList } from '../app/matching-port.js';
import type { MatchServicePort } from '../app/matching-port.js';

export interface ApiDeps {
  readonly store: GraphStore;
  readonly matchService?: MatchServicePort;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly limits: ApiLimits;
  /**
   * The secret that signs the digest's unsubscribe links (`resolveDigestSecret`, as the digest job uses); without
   * it `/v1/unsubscribe` answers `CONFIG_INVALID`.
   */
  readonly digestSecret?: string;
  /** New introduction ids (tests fix them). */
  readonly newId?: () => string;
}
