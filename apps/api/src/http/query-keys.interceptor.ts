import { BadRequestException, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { PROTOTYPE_KEYS, unknownFieldMessage } from './strict-validation.pipe.js';

/**
 * The query parameters whose name holds a prototype key in any of its parts (`__proto__[x]`,
 * `a[constructor][prototype]`, `toString`), read from the URL as sent: the query parser (qs)
 * drops such keys before any pipe sees them, so the unknown-field check cannot refuse them.
 */
export function refusedQueryKeys(url: string): string[] {
  const start = url.indexOf('?');
  if (start < 0) return [];
  const found = new Set<string>();
  for (const name of new URLSearchParams(url.slice(start + 1)).keys()) {
    if (name.split(/[[\].]/).some((part) => PROTOTYPE_KEYS.has(part))) found.add(name);
    if (found.size >= 20) break;
  }
  return [...found];
}

/** Refuses, with 400 naming each, a query that names a prototype key, on every route. */
@Injectable()
export class QueryKeysInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<Request>();
      const refused = refusedQueryKeys(request.originalUrl ?? request.url);
      if (refused.length > 0) throw new BadRequestException(refused.map((name) => unknownFieldMessage([name])));
    }
    return next.handle();
  }
}
