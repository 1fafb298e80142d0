import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

/** An X-Request-Id the API takes from the client (as the access audit's correlation id); anything else is replaced. */
const REQUEST_ID = /^[A-Za-z0-9-]{1,64}$/;

export interface RequestWithId extends Request {
  /** The request's id: the client's X-Request-Id when it is well-formed, otherwise a new UUID. */
  requestId?: string;
}

export function requestIdFrom(header: string | undefined): string {
  return header !== undefined && REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * One access line per request, written when the response is done (or the client went away):
 * request id, method, the route's pattern (`/tips/:id`; null when no route matched), status and
 * duration. Never the concrete URL, its query, a header or the body: no case id, token or
 * personal field reaches the logs. The request id is answered in X-Request-Id, and the access
 * audit records it as the correlation id (access/request-context.ts).
 */
export function requestLog(logger: Logger): (request: Request, response: Response, next: NextFunction) => void {
  return (request, response, next) => {
    const started = process.hrtime.bigint();
    const requestId = requestIdFrom(request.header('x-request-id'));
    (request as RequestWithId).requestId = requestId;
    response.setHeader('X-Request-Id', requestId);
    response.once('close', () => {
      const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100;
      const route = routePattern(request);
      const line = {
        requestId,
        method: request.method,
        route,
        status: response.statusCode,
        durationMs,
        ...(response.writableFinished ? {} : { aborted: true }),
      };
      const message = `${request.method} ${route ?? '(no route)'} ${response.statusCode}`;
      if (response.statusCode >= 500) logger.error(line, message);
      else logger.info(line, message);
    });
    next();
  };
}

/** The pattern of the route that answered, e.g. `/tips/:id/classify`. */
function routePattern(request: Request): string | null {
  const path = (request.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${request.baseUrl ?? ''}${path}` : null;
}
