import type pg from 'pg';
import { AccessLogReadModel } from '../../../../libs/access/src/application/access-log.js';
import { BreakGlassReviews } from '../../../../libs/access/src/application/break-glass-reviews.js';
import { PolicyPoint } from '../../../../libs/access/src/application/policy-point.js';
import { tokenSettings } from '../../../../libs/access/src/auth/token-settings.js';
import { TokenVerifier } from '../../../../libs/access/src/auth/tokens.js';
import type { AppConfig } from '../../../../libs/config/src/config.js';
import type { EventStore } from '../../../../libs/event-store/src/port.js';
import type { JurisdictionTree } from '../../../../libs/jurisdictions/src/domain/jurisdiction-tree.js';
import type { AccessServices } from '../app.module.js';
import type { JurisdictionDirectory } from './jurisdiction-directory.js';

export function directoryOf(tree: JurisdictionTree): JurisdictionDirectory {
  return {
    contains: (scope, code) => tree.contains(scope, code),
    within: (scope) => (scope === tree.root.code ? null : tree.codesWithin(scope)),
    exists: (code) => tree.has(code),
  };
}

export async function buildAccessServices(
  config: AppConfig,
  store: EventStore,
  pool: pg.Pool,
  tree: JurisdictionTree,
): Promise<AccessServices> {
  const jurisdictions = directoryOf(tree);
  const policy = new PolicyPoint(store, jurisdictions);
  const accessLog = new AccessLogReadModel(pool, store);
  await accessLog.migrate();
  return {
    tokenVerifier: new TokenVerifier(await tokenSettings(config)),
    policy,
    accessLog,
    reviews: new BreakGlassReviews(store, accessLog, policy),
    jurisdictions,
  };
}
