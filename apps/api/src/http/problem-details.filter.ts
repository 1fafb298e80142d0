import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DuplicateEventIdError, InvalidRequestError, WrongExpectedRevisionError } from '../../../../libs/event-store/src/errors.js';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: unknown;
}

/** One place that turns every error into RFC 9457 problem+json; unexpected errors reveal nothing. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = { ...this.toProblem(exception), instance: request.path };
    response.status(problem.status).type('application/problem+json').json(problem);
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof WrongExpectedRevisionError) {
      return { type: 'about:blank', title: 'Conflict', status: HttpStatus.CONFLICT, code: exception.code, detail: 'The record changed since you read it; reload and try again.' };
    }
    if (exception instanceof DuplicateEventIdError) {
      return { type: 'about:blank', title: 'Conflict', status: HttpStatus.CONFLICT, code: exception.code, detail: 'This request reuses an id that belongs to another request.' };
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
        title: HttpStatus[status]?.toString().replace(/_/g, ' ').toLowerCase().replace(/^\w/, (c) => c.toUpperCase()) ?? 'Error',
        status,
        ...(Array.isArray(message) ? { detail: 'The request has invalid fields.', errors: message } : { detail: String(message) }),
      };
    }
    // Only the error's class goes to the log: messages may carry personal data.
    this.logger.error(`Unhandled ${(exception as Error)?.name ?? typeof exception}`);
    return { type: 'about:blank', title: 'Internal Server Error', status: HttpStatus.INTERNAL_SERVER_ERROR, detail: 'Something went wrong; it has been logged.' };
  }
}
