import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, NotFoundException, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { BreakGlassReviewError } from '../../../../libs/access/src/application/break-glass-reviews.js';
import { AccessDeniedError } from '../../../../libs/access/src/application/policy-point.js';
import { DomainError } from '../../../../libs/case-kernel/src/domain/decider.js';
import { DuplicateEventIdError, InvalidRequestError, WrongExpectedRevisionError } from '../../../../libs/event-store/src/errors.js';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable, unavailableCode } from './database-unavailable.js';
import { IdempotencyKeyReusedError } from './idempotency-keys.js';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  /** The same explanation in Vietnamese. */
  detailVi?: string;
  errors?: unknown;
}

const DOMAIN_STATUS = {
  rule_violated: HttpStatus.UNPROCESSABLE_ENTITY,
  invalid_state: HttpStatus.CONFLICT,
  not_found: HttpStatus.NOT_FOUND,
  forbidden: HttpStatus.FORBIDDEN,
} as const;
const DOMAIN_TITLE = {
  rule_violated: 'Unprocessable Content',
  invalid_state: 'Conflict',
  not_found: 'Not found',
  forbidden: 'Forbidden',
} as const;

const NOT_FOUND: ProblemDetails = {
  type: 'about:blank',
  title: 'Not found',
  status: HttpStatus.NOT_FOUND,
  detail: 'Nothing here. / Không tìm thấy.',
};

/** One place that turns every error into RFC 9457 problem+json; unexpected errors reveal nothing. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = { ...this.toProblem(exception), instance: request.path };
    if (problem.status === HttpStatus.UNAUTHORIZED) response.setHeader('WWW-Authenticate', 'Bearer');
    if (problem.status === HttpStatus.SERVICE_UNAVAILABLE) response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    response.status(problem.status).type('application/problem+json').json(problem);
  }

  private toProblem(exception: unknown): ProblemDetails {
    // A 404 for a record one may not know about is the same answer as for a record that does not exist.
    if (exception instanceof AccessDeniedError && exception.status === 404) return NOT_FOUND;
    if (exception instanceof AccessDeniedError) {
      return {
        type: 'about:blank',
        title: 'Forbidden',
        status: HttpStatus.FORBIDDEN,
        detail: 'Your role and jurisdiction do not allow this. / Vai trò và địa bàn của bạn không được phép thực hiện việc này.',
      };
    }
    if (exception instanceof BreakGlassReviewError) {
      const own = exception.code === 'access.own_break_glass';
      return {
        type: 'about:blank',
        title: own ? 'Forbidden' : 'Conflict',
        status: own ? HttpStatus.FORBIDDEN : HttpStatus.CONFLICT,
        code: exception.code,
        detail: exception.message,
      };
    }
    if (exception instanceof NotFoundException) return NOT_FOUND;
    if (exception instanceof DomainError) {
      return {
        type: 'about:blank',
        title: DOMAIN_TITLE[exception.kind],
        status: DOMAIN_STATUS[exception.kind],
        code: exception.code,
        detail: exception.message,
        detailVi: exception.messageVi,
        ...(Object.keys(exception.details).length > 0 ? { errors: exception.details } : {}),
      };
    }
    if (exception instanceof WrongExpectedRevisionError) {
      return {
        type: 'about:blank',
        title: 'Conflict',
        status: HttpStatus.CONFLICT,
        code: exception.code,
        detail: 'The record changed since you read it; reload and try again.',
        detailVi: 'Hồ sơ đã thay đổi kể từ lần bạn xem; hãy tải lại và thử lại.',
      };
    }
    if (exception instanceof DuplicateEventIdError) {
      return {
        type: 'about:blank',
        title: 'Conflict',
        status: HttpStatus.CONFLICT,
        code: exception.code,
        detail: 'This request reuses an id that belongs to another request.',
      };
    }
    if (exception instanceof IdempotencyKeyReusedError) {
      return {
        type: 'about:blank',
        title: 'Unprocessable Content',
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        code: exception.code,
        detail: exception.message,
        detailVi: exception.messageVi,
      };
    }
    if (exception instanceof InvalidRequestError) {
      return { type: 'about:blank', title: 'Bad Request', status: HttpStatus.BAD_REQUEST, code: exception.code, detail: exception.message };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message = typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : body;
      return {
        type: 'about:blank',
        title:
          HttpStatus[status]
            ?.toString()
            .replace(/_/g, ' ')
            .toLowerCase()
            .replace(/^\w/, (c) => c.toUpperCase()) ?? 'Error',
        status,
        ...(Array.isArray(message) ? { detail: 'The request has invalid fields.', errors: message } : { detail: String(message) }),
      };
    }
    if (isDatabaseUnavailable(exception)) {
      // The code only (ECONNREFUSED, 57P01): a server's message may quote data.
      this.logger.warn(`Database unavailable (${unavailableCode(exception)}); answered 503`);
      return {
        type: 'about:blank',
        title: 'Service Unavailable',
        status: HttpStatus.SERVICE_UNAVAILABLE,
        code: 'database.unavailable',
        detail:
          'The database cannot be reached right now. Try again shortly, with the same Idempotency-Key for a command: one that did go through is not applied twice.',
        detailVi:
          'Hiện không kết nối được cơ sở dữ liệu. Hãy thử lại sau ít phút, với cùng Idempotency-Key nếu là một lệnh: lệnh đã được ghi sẽ không bị ghi hai lần.',
      };
    }
    // Only the error's class goes to the log: messages may carry personal data.
    this.logger.error(`Unhandled ${(exception as Error)?.name ?? typeof exception}`);
    return {
      type: 'about:blank',
      title: 'Internal Server Error',
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      detail: 'Something went wrong; it has been logged.',
    };
  }
}
