/** The audit services (libs/audit), built once per process. */
export const AUDIT_SERVICES = Symbol('AUDIT_SERVICES');
