/** Injection tokens for what the composition root builds outside Nest. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const DATABASE_POOL = Symbol('DATABASE_POOL');
export const APP_CONFIG = Symbol('APP_CONFIG');
export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
export const POLICY_POINT = Symbol('POLICY_POINT');
export const ACCESS_LOG = Symbol('ACCESS_LOG');
export const JURISDICTIONS = Symbol('JURISDICTIONS');
export const BREAK_GLASS_REVIEWS = Symbol('BREAK_GLASS_REVIEWS');
export const CASE_RECORDS = Symbol('CASE_RECORDS');
export const KEY_STORE = Symbol('KEY_STORE');
export const JURISDICTION_TREE = Symbol('JURISDICTION_TREE');
export const CASE_COMMANDS = Symbol('CASE_COMMANDS');
export const CASE_READER = Symbol('CASE_READER');
export const CALENDAR = Symbol('CALENDAR');
