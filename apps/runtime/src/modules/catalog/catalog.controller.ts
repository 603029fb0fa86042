import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import type { CatalogEntry, ConnectorRegistry } from '@braid/connectors';
import { CONNECTORS } from '../../core/tokens.js';
import { ApiKeyGuard, RequireScope } from '../auth/api-key.guard.js';

/** Serves every connector declaration (schemas, samples, events) for the designer's palette. */
@Controller('api/v1/connectors')
@UseGuards(ApiKeyGuard)
@RequireScope('read')
export class CatalogController {
  constructor(@Inject(CONNECTORS) private readonly connectors: ConnectorRegistry) {}

  @Get()
  list(): { connectors: CatalogEntry[] } {
    return { connectors: this.connectors.catalog() };
  }
}
