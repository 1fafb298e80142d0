/** Injection tokens of the projections part of the API. */
export const PROJECTION_RUNNER = Symbol('PROJECTION_RUNNER');
export const PROJECTIONS_INLINE = Symbol('PROJECTIONS_INLINE');
export const DEADLINE_VIEWS = Symbol('DEADLINE_VIEWS');
