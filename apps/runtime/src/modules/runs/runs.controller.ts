import { randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiKeyGuard, RequireScope } from '../auth/api-key.guard.js';
import { ApiProblem } from '../../core/problem.js';
import { type RunFilter, RunsService } from './runs.service.js';
import { TriggerService } from './trigger.service.js';
import { type TimelineRun, type TimelineStep, renderTimeline } from './timeline.js';

/** Runtime API for runs: trigger, list, inspect, rerun, resume, cancel. */
@Controller('api/v1')
@UseGuards(ApiKeyGuard)
export class RunsController {
  constructor(
    private readonly runs: RunsService,
    private readonly triggers: TriggerService,
  ) {}

  /** Starts a run; the same `Idempotency-Key` always answers with the same run. */
  @Post('flows/:id/runs')
  @RequireScope('trigger')
  async trigger(
    @Param('id') flowId: string,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ runId: string; duplicate: boolean }> {
    const flow = await this.triggers.liveFlow(flowId);
    if (!flow) throw new ApiProblem(404, 'flow.not-found', `no published flow "${flowId}"`);
    if (!flow.enabled)
      throw new ApiProblem(409, 'flow.inactive', `flow "${flowId}" is deactivated`);
    if (
      idempotencyKey !== undefined &&
      (idempotencyKey.length === 0 || idempotencyKey.length > 200)
    ) {
      throw new ApiProblem(
        400,
        'runs.idempotency-key',
        'Idempotency-Key must be 1 to 200 characters',
      );
    }
    const outcome = await this.triggers.start(flow, {
      source: `api:${flowId}`,
      dedupeKey: idempotencyKey ?? randomUUID(),
      triggerType: 'api',
      payload: body ?? {},
    });
    if ('skipped' in outcome)
      throw new ApiProblem(422, 'runs.filtered', 'the trigger filter rejects this payload');
    void reply.code(outcome.created ? 202 : 200);
    return { runId: outcome.runId, duplicate: !outcome.created };
  }

  @Get('runs')
  @RequireScope('read')
  list(@Query() q: Record<string, string | undefined>): Promise<unknown> {
    const limit = q.limit === undefined ? undefined : Number(q.limit);
    if (limit !== undefined && !Number.isInteger(limit))
      throw new ApiProblem(400, 'runs.bad-limit', 'limit must be a whole number');
    const filter: RunFilter = {
      ...(q.flowId ? { flowId: q.flowId } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
      ...(q.q ? { q: q.q } : {}),
      ...(q.before ? { before: q.before } : {}),
      ...(limit !== undefined ? { limit } : {}),
    };
    return this.runs.list(filter);
  }

  @Get('runs/:id')
  @RequireScope('read')
  get(@Param('id') id: string): Promise<unknown> {
    return this.runs.get(id);
  }

  /** The run as a picture: a row per step, a bar per attempt, the waits between retries. */
  @Get('runs/:id/timeline.svg')
  @RequireScope('read')
  async timeline(
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const run = await this.runs.get(id);
    void reply.header('content-type', 'image/svg+xml; charset=utf-8');
    return renderTimeline(run as unknown as TimelineRun, run.steps as TimelineStep[]);
  }

  @Post('runs/:id/rerun')
  @RequireScope('admin')
  @HttpCode(202)
  rerun(@Param('id') id: string): Promise<unknown> {
    return this.runs.rerun(id);
  }

  @Post('runs/:id/resume')
  @RequireScope('admin')
  @HttpCode(202)
  resume(@Param('id') id: string): Promise<unknown> {
    return this.runs.resume(id);
  }

  @Post('runs/:id/cancel')
  @RequireScope('admin')
  @HttpCode(202)
  cancel(@Param('id') id: string): Promise<unknown> {
    return this.runs.cancel(id);
  }
}
