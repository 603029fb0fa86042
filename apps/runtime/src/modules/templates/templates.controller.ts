import { Body, Controller, Delete, Get, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiKeyGuard, RequireScope } from '../auth/api-key.guard.js';
import { type InstallRequest, TemplatesService } from './templates.service.js';

const actor = (req: FastifyRequest): string =>
  `api-key:${(req as FastifyRequest & { apiKeyId?: string }).apiKeyId ?? 'unknown'}`;

/** The template marketplace API. */
@Controller('api/v1/templates')
@UseGuards(ApiKeyGuard)
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  /** Lists the newest version of each template; `category` and free-text `q` filter. */
  @Get()
  @RequireScope('read')
  async list(
    @Query('category') category: string | undefined,
    @Query('q') q: string | undefined,
  ): Promise<unknown> {
    return { templates: await this.templates.list({ category, q }) };
  }

  /** Flows installed from templates, with available upgrades. */
  @Get('installations')
  @RequireScope('read')
  async installations(): Promise<unknown> {
    return { installations: await this.templates.installations() };
  }

  /** The diff an upgrade would apply (`to` defaults to the newest version). */
  @Get('installations/:flowId/upgrade')
  @RequireScope('read')
  upgradePlan(
    @Param('flowId') flowId: string,
    @Query('to') to: string | undefined,
  ): Promise<unknown> {
    return this.templates.upgradePlan(flowId, to);
  }

  /** Upgrades an installed flow's draft to a template version. */
  @Post('installations/:flowId/upgrade')
  @RequireScope('admin')
  upgrade(
    @Param('flowId') flowId: string,
    @Body() body: { to?: string; params?: Record<string, unknown> } | undefined,
    @Req() req: FastifyRequest,
  ): Promise<unknown> {
    return this.templates.upgrade(flowId, body ?? {}, actor(req));
  }

  /** Uninstalls: the flow is turned off and archived; its runs stay. */
  @Delete('installations/:flowId')
  @RequireScope('admin')
  uninstall(@Param('flowId') flowId: string, @Req() req: FastifyRequest): Promise<unknown> {
    return this.templates.uninstall(flowId, actor(req));
  }

  /** Preview: manifest, flow, parameters, sample runs. */
  @Get(':id')
  @RequireScope('read')
  preview(
    @Param('id') id: string,
    @Query('version') version: string | undefined,
  ): Promise<unknown> {
    return this.templates.preview(id, version);
  }

  /** Installs a template as a draft flow (bindings and parameters validated: 422 with paths). */
  @Post(':id/install')
  @RequireScope('admin')
  install(
    @Param('id') id: string,
    @Body() body: InstallRequest | undefined,
    @Req() req: FastifyRequest,
  ): Promise<unknown> {
    return this.templates.install(id, body ?? {}, actor(req));
  }
}
