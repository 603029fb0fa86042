import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { ConnectorRegistry } from '@braid/connectors';
import type { ExpressionEngine } from '@braid/flow-schema';
import type { RuntimeConfig } from './config/config.js';
import type { Metrics } from './core/metrics.js';
import {
  CONFIG,
  CONNECTORS,
  DATA_SOURCE,
  EXPRESSIONS,
  LOGGER,
  METRICS,
  PG_POOL,
} from './core/tokens.js';
import { ApiKeysService } from './modules/auth/api-keys.service.js';
import { ApiKeyGuard } from './modules/auth/api-key.guard.js';
import { CatalogController } from './modules/catalog/catalog.controller.js';
import { ConnectionsController } from './modules/connections/connections.controller.js';
import { ConnectionsService } from './modules/connections/connections.service.js';
import { FlowsController } from './modules/flows/flows.controller.js';
import { FlowsService } from './modules/flows/flows.service.js';
import { TriggerSetup } from './modules/flows/trigger-setup.js';
import { HealthController } from './modules/health/health.controller.js';
import { RunsController } from './modules/runs/runs.controller.js';
import { RunsService } from './modules/runs/runs.service.js';
import { TriggerService } from './modules/runs/trigger.service.js';
import { TemplatesController } from './modules/templates/templates.controller.js';
import { TemplatesService } from './modules/templates/templates.service.js';

/** Everything built before Nest starts (database, pools, connectors) and shared by all modules. */
export interface RuntimeDeps {
  config: RuntimeConfig;
  pool: pg.Pool;
  dataSource: DataSource;
  logger: Logger;
  connectors: ConnectorRegistry;
  expressions: ExpressionEngine;
  metrics: Metrics;
}

/** The shared dependencies as global providers. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(deps: RuntimeDeps): DynamicModule {
    const providers = [
      { provide: CONFIG, useValue: deps.config },
      { provide: PG_POOL, useValue: deps.pool },
      { provide: DATA_SOURCE, useValue: deps.dataSource },
      { provide: LOGGER, useValue: deps.logger },
      { provide: CONNECTORS, useValue: deps.connectors },
      { provide: EXPRESSIONS, useValue: deps.expressions },
      { provide: METRICS, useValue: deps.metrics },
      ApiKeysService,
      ApiKeyGuard,
      ConnectionsService,
      TriggerService,
    ];
    return { module: CoreModule, providers, exports: providers };
  }
}

/** Flows: drafts, versions, publish. */
@Module({
  controllers: [FlowsController],
  providers: [FlowsService, TriggerSetup],
  exports: [FlowsService],
})
export class FlowsModule {}

/** Runs: runtime API trigger, list, detail, rerun, resume, cancel. */
@Module({ controllers: [RunsController], providers: [RunsService], exports: [RunsService] })
export class RunsModule {}

/** Connections with encrypted secrets. */
@Module({ controllers: [ConnectionsController] })
export class ConnectionsModule {}

/** Connector catalog, health and metrics. */
@Module({ controllers: [CatalogController, HealthController] })
export class OpsModule {}

/** The template marketplace. */
@Module({
  imports: [FlowsModule],
  controllers: [TemplatesController],
  providers: [TemplatesService],
})
export class TemplatesModule {}

/** The runtime application. */
@Module({})
export class AppModule {
  static forRoot(deps: RuntimeDeps): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(deps),
        FlowsModule,
        RunsModule,
        ConnectionsModule,
        OpsModule,
        TemplatesModule,
      ],
    };
  }
}
