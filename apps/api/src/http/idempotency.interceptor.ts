import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import type { Principal } from '../../../../libs/access/src/domain/roles.js';
import { isIdempotencyKey, READS_IDEMPOTENCY_KEY } from './command-headers.js';
import { IdempotencyKeyReusedError, type IdempotencyKeys } from './idempotency-keys.js';

/**
 * On every route that takes CommandHeaders, after authentication and before the body is
 * validated or the command runs: the caller's first request with an Idempotency-Key binds the key
 * to its method, path and body; a later one with the same key and anything else is a 422 and
 * runs nothing. The same request again runs as before (its deterministic ids append nothing new).
 */
@Injectable()
export class IdempotencyKeyInterceptor implements NestInterceptor {
  constructor(private readonly keys: IdempotencyKeys) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http' || Reflect.getMetadata(READS_IDEMPOTENCY_KEY, context.getHandler()) !== true) return next.handle();
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const key = request.header('idempotency-key');
    const userId = request.principal?.userId;
    // A missing or malformed key is CommandHeaders' 400; an anonymous route binds nothing.
    if (!isIdempotencyKey(key) || !userId) return next.handle();
    const outcome = await this.keys.bind(userId, key, {
      method: request.method.toUpperCase(),
      path: routePath(request),
      body: request.body,
    });
    if (outcome === 'reused') throw new IdempotencyKeyReusedError();
    return next.handle();
  }
}

/**
 * The matched route with its parameters filled in (/tips/:id/assign → /tips/3f2c…/assign), so
 * that the same route spelt another way (letter case of its fixed parts, a trailing slash,
 * percent-encoding) is the same route. Falls back to the path as sent.
 */
export function routePath(request: Request): string {
  const pattern = (request.route as { path?: unknown } | undefined)?.path;
  const asSent = (request.originalUrl ?? request.url).split('?')[0]!;
  if (typeof pattern !== 'string') return asSent;
  const params = request.params as Record<string, unknown>;
  let complete = true;
  const filled = pattern.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params[name];
    if (typeof value !== 'string') {
      complete = false;
      return `:${name}`;
    }
    return encodeURIComponent(value);
  });
  return complete ? filled : asSent;
}
