import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { Principal } from '../../../../libs/access/src/domain/roles.js';
import type { RequestContext } from '../../../../libs/access/src/application/policy-point.js';

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
}

export interface Caller extends RequestContext {
  principal: Principal;
}

const PURPOSE = /^[a-z][a-z_]{0,49}$/;

/** The signed-in principal with the purpose the client states (`X-Purpose`, default `case_handling`) and a correlation id. */
export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new Error('CurrentCaller used on a public route');
  const purpose = request.header('x-purpose') ?? 'case_handling';
  if (!PURPOSE.test(purpose)) throw new BadRequestException(['X-Purpose: lower-case letters and "_", at most 50']);
  const correlation = request.header('x-request-id');
  return { principal: request.principal, purpose, correlationId: correlation && /^[A-Za-z0-9-]{1,64}$/.test(correlation) ? correlation : randomUUID() };
});
