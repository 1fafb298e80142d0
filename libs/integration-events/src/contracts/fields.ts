import type { ContractValue } from '../contract.js';

/** A public field the contract requires, as a code: a value of any other type is a mapping bug. */
export function code(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new Error(`Integration mapping: ${field} is not a code`);
  return value;
}

/** A public field that may be absent (null in the contract). */
export function optionalCode(value: unknown, field: string): string | null {
  return value === null || value === undefined ? null : code(value, field);
}

export function count(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`Integration mapping: ${field} is not a number`);
  return value;
}

/** The unit of a case, from the public field of its creating event (looked up by the mapper). */
export function unitFrom(data: Readonly<Record<string, unknown>> | undefined, field: string): ContractValue {
  return data ? optionalCode(data[field], field) : null;
}
