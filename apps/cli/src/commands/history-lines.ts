import type { Change } from '../../../../libs/audit/src/application/case-history.js';

/** One change as a line: when, who in which role, which event, which fields, then the values as the caller may see them. */
export function changeLines(change: Change & { hash?: string; chainOk?: boolean }): string[] {
  const link = change.hash === undefined ? '' : `  ${change.hash.slice(0, 12)}… ${change.chainOk ? 'link ok' : 'LINK BROKEN'}`;
  return [
    `#${change.revision}  ${change.recordedAt}  ${change.type}  by ${change.actorId} (${change.role}, purpose ${change.purpose})${link}`,
    `    changed: ${change.fieldsChanged.join(', ') || '-'}`,
    `    values:  ${JSON.stringify(change.values)}`,
  ];
}
