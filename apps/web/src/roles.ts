import { ROLE_RULES } from '../../../libs/access/src/domain/policy.js';
import type { Role } from '../../../libs/access/src/domain/roles.js';
import type { MessageKey } from './i18n/messages.js';

/** The console's screens come in areas, each one lazily loaded chunk. */
export type Area = 'enforcement' | 'deadlines' | 'penalties' | 'support' | 'statistics' | 'audit';

export interface NavItem {
  href: string;
  label: MessageKey;
}

const PREFIXES: Array<[string, Area]> = [
  ['/console/tips', 'enforcement'],
  ['/console/establishments', 'enforcement'],
  ['/console/deadlines', 'deadlines'],
  ['/console/penalty-cases', 'penalties'],
  ['/console/support-cases', 'support'],
  ['/console/referrals', 'support'],
  ['/console/statistics', 'statistics'],
  ['/console/audit', 'audit'],
  ['/console/access-log', 'audit'],
];

export function areaOf(path: string): Area | null {
  const pathname = path.split('?')[0]!;
  return PREFIXES.find(([prefix]) => pathname === prefix || pathname.startsWith(`${prefix}/`))?.[1] ?? null;
}

const TIPS: NavItem = { href: '/console/tips', label: 'nav.tips' };
const NEW_TIP: NavItem = { href: '/console/tips/new', label: 'nav.newTip' };
const DEADLINES: NavItem = { href: '/console/deadlines', label: 'nav.deadlines' };
const DOSSIER: NavItem = { href: '/console/establishments', label: 'nav.dossier' };
const PENALTIES: NavItem = { href: '/console/penalty-cases', label: 'nav.penalties' };
const SUPPORT: NavItem = { href: '/console/support-cases', label: 'nav.support' };
const REFERRALS: NavItem = { href: '/console/referrals', label: 'nav.referrals' };
const STATISTICS: NavItem = { href: '/console/statistics', label: 'nav.statistics' };
const TIMELINE: NavItem = { href: '/console/audit', label: 'nav.timeline' };
const ACCESS_LOG: NavItem = { href: '/console/access-log', label: 'nav.accessLog' };
const CHAIN: NavItem = { href: '/console/audit/chain', label: 'nav.chain' };

/**
 * What each role is shown, by compartment: enforcement roles never get a support screen and
 * support roles never an enforcement one (the API refuses them anyway; the console does not ask).
 */
export const ROLE_SCREENS: Record<Role, { nav: NavItem[]; areas: Area[] }> = {
  police_officer: { nav: [TIPS, NEW_TIP, DEADLINES, DOSSIER], areas: ['enforcement', 'deadlines', 'penalties'] },
  police_supervisor: { nav: [TIPS, NEW_TIP, DEADLINES, DOSSIER], areas: ['enforcement', 'deadlines', 'penalties'] },
  inspector: { nav: [DOSSIER], areas: ['enforcement'] },
  sanctioning_official: { nav: [PENALTIES, DEADLINES], areas: ['penalties', 'deadlines'] },
  social_worker: { nav: [SUPPORT, REFERRALS], areas: ['support'] },
  support_supervisor: { nav: [SUPPORT, REFERRALS], areas: ['support'] },
  statistician: { nav: [STATISTICS], areas: ['statistics'] },
  // Figures against the plan's targets (the plans themselves are recorded through the API).
  programme_officer: { nav: [STATISTICS], areas: ['statistics'] },
  auditor: { nav: [TIMELINE, ACCESS_LOG, CHAIN], areas: ['audit'] },
  data_protection_officer: { nav: [ACCESS_LOG], areas: ['audit'] },
};

export function navFor(roles: readonly Role[]): NavItem[] {
  const items: NavItem[] = [];
  for (const role of roles) for (const item of ROLE_SCREENS[role].nav) if (!items.includes(item)) items.push(item);
  return items;
}

export function mayOpen(roles: readonly Role[], area: Area): boolean {
  return roles.some((role) => ROLE_SCREENS[role].areas.includes(area));
}

/** May these roles download the periodic report (`export` on statistics in the policy's role table)? The API decides again. */
export function mayExportReports(roles: readonly Role[]): boolean {
  return roles.some((role) => ROLE_RULES[role].access.statistics?.includes('export') === true);
}

export function homeOf(roles: readonly Role[]): string | null {
  return navFor(roles)[0]?.href ?? null;
}
