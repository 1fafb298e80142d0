/** The roles of privacy.md. A user holds one or more, each over a jurisdiction scope. */
export const ROLES = [
  'police_officer',
  'police_supervisor',
  'inspector',
  'sanctioning_official',
  'social_worker',
  'support_supervisor',
  'statistician',
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
}

export interface Principal {
  userId: string;
  grants: RoleGrant[];
}
