/** Injection tokens for what the composition root builds outside Nest. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const DATABASE_POOL = Symbol('DATABASE_POOL');
export const APP_CONFIG = Symbol('APP_CONFIG');
