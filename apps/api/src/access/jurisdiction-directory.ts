/** What the API needs of the administrative tree. */
export interface JurisdictionDirectory {
  /** Is `code` inside `scope` (the scope itself included)? */
  contains(scope: string, code: string): boolean;
  /** Every unit code inside `scope`, or null when the scope is the whole country. */
  within(scope: string): string[] | null;
  exists(code: string): boolean;
}
