import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ApiProblem } from '../../core/problem.js';
import { ApiKeysService, type Scope } from './api-keys.service.js';

const SCOPE_KEY = 'braid:scope';

/** Marks the API-key scope an endpoint needs. */
export const RequireScope = (scope: Scope): MethodDecorator & ClassDecorator =>
  SetMetadata(SCOPE_KEY, scope);

/** Accepts `Authorization: Bearer <key>` or `X-Api-Key: <key>` with the endpoint's scope. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly keys: ApiKeysService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const scope = this.reflector.getAllAndOverride<Scope | undefined>(SCOPE_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!scope) return true;
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const auth = req.headers.authorization;
    const raw = auth?.startsWith('Bearer ') ? auth.slice(7) : req.headers['x-api-key'];
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (!key)
      throw new ApiProblem(
        401,
        'auth.missing-key',
        'send an API key as "Authorization: Bearer <key>"',
      );
    const found = await this.keys.verify(key.trim());
    if (!found) throw new ApiProblem(401, 'auth.invalid-key', 'the API key is unknown or revoked');
    if (!found.scopes.includes('admin') && !found.scopes.includes(scope)) {
      throw new ApiProblem(
        403,
        'auth.scope',
        `this endpoint needs an API key with the "${scope}" scope`,
      );
    }
    (req as FastifyRequest & { apiKeyId?: string }).apiKeyId = found.id;
    return true;
  }
}
