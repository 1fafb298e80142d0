import { Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { SIGN_IN_FAILED, SIGN_IN_STREAM, type SignInFailed } from '../../../../libs/access/src/application/access-events.js';
import { TokenRejectedError, type TokenVerifier } from '../../../../libs/access/src/auth/tokens.js';
import type { EventStore, JsonObject } from '../../../../libs/event-store/src/port.js';
import { EVENT_STORE, TOKEN_VERIFIER } from '../tokens.js';
import { IS_PUBLIC } from './public.decorator.js';
import type { AuthenticatedRequest } from './request-context.js';

/** Every route needs a valid bearer token unless marked @Public(); each refusal is recorded as a failed sign-in. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    try {
      request.principal = (await this.verifier.verify(request.header('authorization'))).principal;
      return true;
    } catch (error) {
      if (!(error instanceof TokenRejectedError)) throw error;
      await this.recordFailure(error, request.route?.path ?? request.path, (request as { requestId?: string }).requestId ?? randomUUID());
      throw new UnauthorizedException('A valid bearer token is required');
    }
  }

  /** The refusal as an event; its correlation id is the request's id (X-Request-Id), so a refused call can be found in the logs. */
  private async recordFailure(error: TokenRejectedError, route: string, correlationId: string): Promise<void> {
    const data: SignInFailed = { failure: error.failure, route };
    await this.store.append(
      SIGN_IN_STREAM,
      [
        {
          id: randomUUID(),
          type: SIGN_IN_FAILED,
          schemaVersion: 1,
          data: data as unknown as JsonObject,
          metadata: {
            actorId: 'anonymous',
            role: 'none',
            jurisdiction: 'VN',
            purpose: 'sign_in',
            correlationId,
            causationId: null,
            occurredAt: new Date().toISOString(),
          },
        },
      ],
      'any',
    );
  }
}
