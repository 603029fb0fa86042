import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import pg from 'pg';
import pino, { type Logger } from 'pino';
import { createConnectorRegistry } from '@braid/connectors';
import { StepFailure } from '@braid/engine';
import { createBraidExpressionEngine } from '@braid/flow-schema';
import { AppModule, type RuntimeDeps } from './app.module.js';
import { type RuntimeConfig, loadConfig } from './config/config.js';
import { createMetrics } from './core/metrics.js';
import { type DatabaseHandle, startEmbeddedPostgres } from './db/database.js';
import { createDataSource, migrate } from './db/data-source.js';
import { builtinConnectors } from './execution/connectors.js';
import { createExecutor } from './execution/executor.js';
import { RunCommitter } from './execution/committer.js';
import { Worker } from './execution/worker.js';
import { PgListener } from './execution/pg-listener.js';
import { ALERTS_CHANNEL, POLLS_CHANNEL, SCHEDULES_CHANNEL } from './execution/run-store.js';
import { AlertDispatcher } from './modules/ops/alert-dispatcher.js';
import { RetentionPruner } from './modules/ops/retention.js';
import { Poller } from './modules/schedules/poller.js';
import { ScheduleTicker } from './modules/schedules/schedule-ticker.js';
import { syncTemplates } from './modules/templates/template-store.js';
import { ApiKeysService } from './modules/auth/api-keys.service.js';
import { ConnectionsService } from './modules/connections/connections.service.js';
import { TriggerService } from './modules/runs/trigger.service.js';
import { registerWebhookIngress } from './modules/webhooks/webhook-ingress.js';
import { PinoNestLogger } from './core/nest-logger.js';

/** A started runtime. */
export interface RunningRuntime {
  url: string;
  /** The first admin API key, present only on the start that created it. */
  adminKey: string | undefined;
  deps: RuntimeDeps;
  app: NestFastifyApplication;
  worker: Worker | undefined;
  /** Schedules, polls, alert delivery and retention (present where workers run). */
  background: BackgroundServices | undefined;
  stop(): Promise<void>;
}

/** The background services of an instance that runs workers. */
export interface BackgroundServices {
  ticker: ScheduleTicker;
  poller: Poller;
  alerts: AlertDispatcher;
  retention: RetentionPruner;
  listener: PgListener;
}

/** Options beyond the environment (tests pass these). */
export interface StartOptions {
  env?: Record<string, string | undefined>;
  config?: Partial<RuntimeConfig>;
  logger?: Logger;
}

function secretKeyFor(config: RuntimeConfig, logger: Logger): Buffer {
  if (config.secretKey) return config.secretKey;
  const file = path.resolve(config.dataDir, 'secret.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (config.databaseUrl) {
    logger.warn(
      { file },
      'BRAID_SECRET_KEY is not set: generating one in the data folder; share it between instances',
    );
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return key;
}

/** Boots the whole runtime: database, migrations, API, webhook ingress and workers. */
export async function startRuntime(options: StartOptions = {}): Promise<RunningRuntime> {
  const config: RuntimeConfig = { ...loadConfig(options.env ?? process.env), ...options.config };
  const logger =
    options.logger ?? pino({ level: config.logLevel, base: { instance: config.instanceId } });
  let database: DatabaseHandle;
  if (config.databaseUrl) {
    database = { url: config.databaseUrl, stop: () => Promise.resolve() };
  } else {
    database = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort, logger);
  }
  const applied = await migrate(database.url);
  if (applied.length) logger.info({ migrations: applied }, 'database migrated');
  config.secretKey = secretKeyFor(config, logger);

  const pool = new pg.Pool({ connectionString: database.url, max: 20 });
  pool.on('error', (err) => logger.warn({ error: err.message }, 'idle database connection failed'));
  const templates = await syncTemplates(pool, config.templatesDir, logger);
  logger.debug({ templates: templates.length, dir: config.templatesDir }, 'templates loaded');
  const dataSource = createDataSource(database.url, 5);
  await dataSource.initialize();
  const clock = { now: () => Date.now() };
  const connectors = createConnectorRegistry(builtinConnectors(), { clock });
  const expressions = createBraidExpressionEngine();
  const metrics = createMetrics();
  const deps: RuntimeDeps = { config, pool, dataSource, logger, connectors, expressions, metrics };

  const adapter = new FastifyAdapter({ bodyLimit: config.webhookMaxBytes, trustProxy: true });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(deps), adapter, {
    logger: new PinoNestLogger(logger),
  });
  registerWebhookIngress(app.getHttpAdapter().getInstance(), {
    triggers: app.get(TriggerService),
    connections: app.get(ConnectionsService),
    connectors,
    metrics,
    logger,
    maxBytes: config.webhookMaxBytes,
  });
  const openapi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Braid runtime API')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'brd_… API key' })
      .build(),
  );
  SwaggerModule.setup('api/docs', app, openapi, { jsonDocumentUrl: 'api/docs/openapi.json' });
  app.enableShutdownHooks();

  const adminKey = await app.get(ApiKeysService).bootstrap();
  let worker: Worker | undefined;
  if (config.workers) {
    const committer = new RunCommitter(pool, config.instanceId, config.leaseMs);
    const connections = app.get(ConnectionsService);
    const triggers = app.get(TriggerService);
    const startChild = async (
      flowId: string,
      input: unknown,
      meta: { parentRunId: string; idempotencyKey: string },
    ): Promise<{ childRunId: string }> => {
      const flow = await triggers.liveFlow(flowId);
      if (!flow) {
        throw new StepFailure({
          kind: 'fatal',
          code: 'SUBFLOW_NOT_PUBLISHED',
          message: `flow "${flowId}" has no live version`,
        });
      }
      const outcome = await triggers.start(flow, {
        source: `subflow:${flowId}`,
        dedupeKey: meta.idempotencyKey,
        triggerType: 'subflow',
        payload: input,
        parentRunId: meta.parentRunId,
      });
      if ('skipped' in outcome) {
        throw new StepFailure({
          kind: 'fatal',
          code: 'SUBFLOW_FILTERED',
          message: `flow "${flowId}" filtered the input out`,
        });
      }
      return { childRunId: outcome.runId };
    };
    const executor = createExecutor({
      db: pool,
      connectors,
      connections,
      expressions,
      logger,
      metrics,
      payloadCapBytes: config.payloadCapBytes,
      startChild,
    });
    worker = new Worker(
      pool,
      database.url,
      committer,
      executor,
      {
        owner: config.instanceId,
        concurrency: config.workerConcurrency,
        leaseMs: config.leaseMs,
      },
      logger,
      {
        onFinish: (run, finish, ms) => {
          metrics.runsFinished.inc({ status: finish.status });
          metrics.runDuration.observe({ status: finish.status }, ms);
          const alerted =
            finish.status === 'dead_letter' ||
            (finish.status === 'failed' && finish.error.details?.alert === true);
          if (alerted) {
            logger.error(
              {
                flowId: run.flow_id,
                runId: run.id,
                nodeId: finish.error.nodeId,
                code: finish.error.code,
                status: finish.status,
              },
              `alert: ${finish.error.message}`,
            );
          }
        },
      },
    );
  }
  let background: BackgroundServices | undefined;
  if (config.workers) {
    const triggers = app.get(TriggerService);
    background = {
      ticker: new ScheduleTicker(pool, triggers, logger),
      poller: new Poller({
        db: pool,
        triggers,
        connectors,
        connections: app.get(ConnectionsService),
        expressions,
        logger,
      }),
      alerts: new AlertDispatcher(pool, config.alertWebhookUrl, logger, config.instanceId),
      retention: new RetentionPruner(pool, config.stepRetentionDays, logger),
      listener: new PgListener(database.url, logger),
    };
    const b = background;
    b.listener.on(SCHEDULES_CHANNEL, () => b.ticker.loop.wake());
    b.listener.on(POLLS_CHANNEL, () => b.poller.loop.wake());
    b.listener.on(ALERTS_CHANNEL, () => b.alerts.loop.wake());
  }
  await app.listen({ port: config.port, host: config.host });
  await worker?.start();
  if (background) {
    await background.listener.start();
    for (const loop of [background.ticker, background.poller, background.alerts]) loop.loop.start();
    background.retention.loop.start();
  }
  const address = app.getHttpAdapter().getInstance().server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host}:${port}`;
  logger.info({ url, workers: Boolean(worker) }, 'Braid runtime started');

  let stopped = false;
  return {
    url,
    adminKey,
    deps,
    app,
    worker,
    background,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (background) {
        const b = background;
        await Promise.all([b.ticker, b.poller, b.alerts, b.retention].map((s) => s.loop.stop()));
        await b.listener.stop();
      }
      await worker?.stop();
      await app.close();
      await connectors.close();
      await dataSource.destroy();
      await pool.end();
      await database.stop();
    },
  };
}
