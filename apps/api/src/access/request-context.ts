import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '../../../../libs/access/src/domain/roles.js';
import type { RequestContext } from '../../../../libs/access/src/application/policy-point.js';
import { requestIdFrom, type RequestWithId } from '../http/request-log.js';

export interface AuthenticatedRequest extends RequestWithId {
  principal?: Principal;
}

export interface Caller extends RequestContext {
  principal: Principal;
}

const PURPOSE = /^[a-z][a-z_]{0,49}$/;

/** The signed-in principal with the purpose the client states (`X-Purpose`, default `case_handling`) and a correlation id: the request's id (http/request-log.ts). */
export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new Error('CurrentCaller used on a public route');
  const purpose = request.header('x-purpose') ?? 'case_handling';
  if (!PURPOSE.test(purpose)) throw new BadRequestException(['X-Purpose: lower-case letters and "_", at most 50']);
  return { principal: request.principal, purpose, correlationId: request.requestId ?? requestIdFrom(request.header('x-request-id')) };
});
