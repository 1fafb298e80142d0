/** The roles of privacy.md. A user holds one or more, each over a jurisdiction scope. */
export const ROLES = [
  'police_officer',
  'police_supervisor',
  'inspector',
  'sanctioning_official',
  'social_worker',
  'support_supervisor',
  'statistician',
  'programme_officer',
  'auditor',
  'data_protection_officer',
] as const;
export type Role = (typeof ROLES)[number];

export const ENFORCEMENT_ROLES: readonly Role[] = ['police_officer', 'police_supervisor', 'inspector', 'sanctioning_official'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export interface RoleGrant {
  role: Role;
  /** A node of the administrative tree (`VN`, a province or a commune code): that node and below. */
  scope: string;
  /**
   * The official position the identity provider states for this grant (e.g.
   * `commune_people_committee_chair`): a sanctioning official's competence limit is computed from
   * it, and it must exist at the scope's level. Absent: the grant holds no position.
   */
  position?: string;
}

/** Position codes as the reference tables write them. */
export const POSITION_CODE = /^[a-z][a-z_]{0,59}$/;

export interface Principal {
  userId: string;
  grants: RoleGrant[];
}
