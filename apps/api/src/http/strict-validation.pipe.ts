import { BadRequestException, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { plainToInstance, type ClassConstructor } from 'class-transformer';

/**
 * Keys no body or query may hold, at any depth: the names of Object.prototype's members
 * (__proto__, constructor, toString, valueOf, hasOwnProperty, …) and `prototype`.
 */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

const MAX_REPORTED = 20;

interface Visit {
  raw: unknown;
  /** The same place in the value class-transformer built, or NO_COUNTERPART where there is none to compare with. */
  built: unknown;
  parent: Visit | null;
  key: string;
}

const NO_COUNTERPART = Symbol('no counterpart');

function pathOf(visit: Visit): string[] {
  const parts: string[] = [];
  for (let v: Visit | null = visit; v && v.parent; v = v.parent) parts.push(v.key);
  return parts.reverse();
}

/** class-validator's wording for an unknown field, with the path of its parent first: `members.1.property __proto__ should not exist`. */
export function unknownFieldMessage(path: readonly string[]): string {
  const parent = path.slice(0, -1).join('.');
  return `${parent ? `${parent}.` : ''}property ${path[path.length - 1]} should not exist`;
}

/**
 * The paths of the keys of `raw` (the parsed JSON, as it came) that are prototype keys, or that the value
 * class-transformer built from it does not hold: class-transformer skips `__proto__`,
 * `constructor` and any key naming a method or getter of the class (toString, valueOf), and
 * Nest's ValidationPipe deletes `__proto__`, `constructor` and `prototype` before validating, so
 * class-validator's unknown-field check never sees them and they were silently dropped (201).
 * Walked with a stack, not recursion: a deep body cannot overflow it.
 */
export function refusedKeys(raw: unknown, built: unknown = NO_COUNTERPART): string[][] {
  const found: string[][] = [];
  const pending: Visit[] = [{ raw, built, parent: null, key: '' }];
  while (pending.length > 0 && found.length < MAX_REPORTED) {
    const visit = pending.pop()!;
    const { raw: value, built: counterpart } = visit;
    if (value === null || typeof value !== 'object') continue;
    const comparable = counterpart !== null && typeof counterpart === 'object';
    if (Array.isArray(value)) {
      // class-transformer keeps an array's items in order; any other shape is not compared.
      const items = comparable && Array.isArray(counterpart) && counterpart.length === value.length ? counterpart : null;
      for (const [index, item] of Object.entries(value))
        pending.push({ raw: item, built: items ? items[Number(index)] : NO_COUNTERPART, parent: visit, key: index });
      continue;
    }
    for (const key of Object.keys(value)) {
      const child: Visit = { raw: (value as Record<string, unknown>)[key], built: NO_COUNTERPART, parent: visit, key };
      if (PROTOTYPE_KEYS.has(key) || (comparable && !Object.prototype.hasOwnProperty.call(counterpart, key))) {
        found.push(pathOf(child));
        if (found.length >= MAX_REPORTED) break;
        continue;
      }
      child.built = comparable ? (counterpart as Record<string, unknown>)[key] : NO_COUNTERPART;
      pending.push(child);
    }
  }
  return found;
}

/**
 * The global ValidationPipe (whitelist, forbidNonWhitelisted, transform), which first refuses, with
 * 400 naming each, the keys of a body or query it would otherwise drop without a word: prototype
 * keys anywhere (also inside free-form objects) and keys class-transformer does not copy.
 */
export class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const refused = refusedKeys(value, this.builtFrom(value, metadata));
      if (refused.length > 0) throw new BadRequestException(refused.map(unknownFieldMessage));
    }
    return super.transform(value, metadata);
  }

  /** What class-transformer makes of the value for the parameter's class; NO_COUNTERPART when it is not a class it would build. */
  private builtFrom(value: unknown, metadata: ArgumentMetadata): unknown {
    if (!metadata.metatype || !this.toValidate(metadata) || value === null || typeof value !== 'object') return NO_COUNTERPART;
    try {
      return plainToInstance(metadata.metatype as ClassConstructor<object>, value, this.transformOptions);
    } catch {
      // Whatever class-transformer cannot build, the ValidationPipe answers as it always has.
      return NO_COUNTERPART;
    }
  }
}
