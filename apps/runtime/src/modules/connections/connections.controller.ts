import { Body, Controller, Get, Param, Put, Post, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiKeyGuard, RequireScope } from '../auth/api-key.guard.js';
import { ApiProblem } from '../../core/problem.js';
import {
  type ConnectionInput,
  type ConnectionView,
  ConnectionsService,
} from './connections.service.js';

function parse(body: unknown): ConnectionInput {
  const b = (body ?? {}) as Record<string, unknown>;
  const problems: { path: string; code: string; message: string }[] = [];
  if (typeof b.connector !== 'string')
    problems.push({
      path: '/connector',
      code: 'required',
      message: 'connector ref, e.g. "shopify@1"',
    });
  if (typeof b.name !== 'string' || b.name === '')
    problems.push({ path: '/name', code: 'required', message: 'a display name' });
  if (b.config !== undefined && (typeof b.config !== 'object' || b.config === null))
    problems.push({ path: '/config', code: 'type', message: 'must be an object' });
  if (
    b.secrets !== undefined &&
    (typeof b.secrets !== 'object' ||
      b.secrets === null ||
      Object.values(b.secrets).some((v) => typeof v !== 'string'))
  ) {
    problems.push({ path: '/secrets', code: 'type', message: 'must be an object of strings' });
  }
  if (problems.length)
    throw new ApiProblem(422, 'connection.invalid', 'the connection has problems', problems);
  return b as unknown as ConnectionInput;
}

const actor = (req: FastifyRequest): string =>
  `api-key:${(req as FastifyRequest & { apiKeyId?: string }).apiKeyId ?? 'unknown'}`;

/** Connections API: secrets are write-only. */
@Controller('api/v1/connections')
@UseGuards(ApiKeyGuard)
@RequireScope('admin')
export class ConnectionsController {
  constructor(private readonly connections: ConnectionsService) {}

  @Get()
  async list(): Promise<{ connections: ConnectionView[] }> {
    return { connections: await this.connections.list() };
  }

  @Post()
  create(@Body() body: unknown, @Req() req: FastifyRequest): Promise<ConnectionView> {
    return this.connections.upsert(parse(body), actor(req));
  }

  @Put(':id')
  update(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() req: FastifyRequest,
  ): Promise<ConnectionView> {
    return this.connections.upsert({ ...parse(body), id }, actor(req));
  }
}
