import type { Deps } from '../context';
import { expireAllocations } from './allocationExpirer';
import { reapLostSessions, reapUnusedSessions } from './sessionReaper';

// Control's housekeeping, once a minute: ended terms, sessions whose ticket went unused,
// sessions whose gateway is gone.
export function scheduleHousekeeping(deps: Deps, everyMs = 60_000): () => void {
  const timer = setInterval(() => {
    expireAllocations(deps).catch((err) => deps.logger.error({ err }, 'allocation expiry failed'));
    reapUnusedSessions().catch((err) => deps.logger.error({ err }, 'session reaping failed'));
    reapLostSessions(deps.store).catch((err) => deps.logger.error({ err }, 'lost-session reaping failed'));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
