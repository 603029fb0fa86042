import {
  Body,
  Controller,
  Get,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Query,
  Req,
  UseGuards,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiKeyGuard, RequireScope } from '../auth/api-key.guard.js';
import { TriggerService } from '../runs/trigger.service.js';
import { FlowsService } from './flows.service.js';

const actor = (req: FastifyRequest): string =>
  `api-key:${(req as FastifyRequest & { apiKeyId?: string }).apiKeyId ?? 'unknown'}`;

/** Flows API: drafts (422 with the problem list), versions, publish, activate, deactivate. */
@Controller('api/v1/flows')
@UseGuards(ApiKeyGuard)
export class FlowsController {
  constructor(
    private readonly flows: FlowsService,
    private readonly triggers: TriggerService,
  ) {}

  @Get()
  @RequireScope('read')
  async list(): Promise<unknown> {
    return { flows: await this.flows.list() };
  }

  /** Validates a document without storing anything. */
  @Post('validate')
  @RequireScope('read')
  validate(@Body() body: unknown): unknown {
    return { problems: this.flows.check(body).problems };
  }

  @Post()
  @RequireScope('admin')
  create(
    @Body() body: unknown,
    @Query('allowInvalid') allowInvalid: string | undefined,
    @Req() req: FastifyRequest,
  ): Promise<unknown> {
    return this.flows.create(body, { allowInvalid: allowInvalid === 'true', actor: actor(req) });
  }

  @Get(':id')
  @RequireScope('read')
  get(@Param('id') id: string): Promise<unknown> {
    return this.flows.getView(id);
  }

  @Put(':id')
  @RequireScope('admin')
  update(
    @Param('id') id: string,
    @Body() body: unknown,
    @Query('allowInvalid') allowInvalid: string | undefined,
    @Req() req: FastifyRequest,
  ): Promise<unknown> {
    return this.flows.updateDraft(id, body, {
      allowInvalid: allowInvalid === 'true',
      actor: actor(req),
    });
  }

  @Put(':id/config')
  @RequireScope('admin')
  async configure(
    @Param('id') id: string,
    @Body() body: { bindings?: Record<string, string>; params?: Record<string, unknown> },
    @Req() req: FastifyRequest,
  ): Promise<unknown> {
    const out = await this.flows.configure(id, body ?? {}, actor(req));
    this.triggers.invalidate(id);
    return out;
  }

  @Post(':id/publish')
  @RequireScope('admin')
  async publish(@Param('id') id: string, @Req() req: FastifyRequest): Promise<unknown> {
    const { flow, version, created } = await this.flows.publish(id, actor(req));
    this.triggers.invalidate(id);
    return {
      flow,
      version: { id: version.id, version: version.version, contentHash: version.contentHash },
      created,
    };
  }

  @Post(':id/activate')
  @RequireScope('admin')
  async activate(
    @Param('id') id: string,
    @Body() body: { version?: number } | undefined,
    @Req() req: FastifyRequest,
  ): Promise<unknown> {
    const out = await this.flows.setEnabled(id, true, actor(req), body?.version);
    this.triggers.invalidate(id);
    return out;
  }

  @Post(':id/deactivate')
  @RequireScope('admin')
  async deactivate(@Param('id') id: string, @Req() req: FastifyRequest): Promise<unknown> {
    const out = await this.flows.setEnabled(id, false, actor(req));
    this.triggers.invalidate(id);
    return out;
  }

  @Get(':id/versions')
  @RequireScope('read')
  async versions(@Param('id') id: string): Promise<unknown> {
    return { versions: await this.flows.versions(id) };
  }

  @Get(':id/versions/:version')
  @RequireScope('read')
  version(
    @Param('id') id: string,
    @Param('version', ParseIntPipe) version: number,
  ): Promise<unknown> {
    return this.flows.version(id, version);
  }
}
