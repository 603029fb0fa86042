import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, type EntityManager, IsNull } from 'typeorm';
import { type FlowDocument, type Problem, loadFlow } from '@braid/flow-schema';
import { CONNECTORS, DATA_SOURCE } from '../../core/tokens.js';
import { ApiProblem } from '../../core/problem.js';
import { canonicalJson, sha256 } from '../../core/crypto.js';
import { FlowEntity } from '../../db/entities/flow.entity.js';
import { FlowVersionEntity } from '../../db/entities/flow-version.entity.js';
import { AuditEntryEntity } from '../../db/entities/audit-entry.entity.js';
import type { ConnectorRegistry } from '@braid/connectors';
import { catalogFor } from '../catalog/catalog.js';
import { TriggerSetup } from './trigger-setup.js';

/** A flow as the API shows it. */
export interface FlowView {
  id: string;
  name: string;
  description: string | null;
  draft: FlowDocument;
  problems: Problem[];
  activeVersionId: string | null;
  enabled: boolean;
  bindings: Record<string, string>;
  params: Record<string, unknown>;
  origin: Record<string, unknown> | null;
  updatedAt: string;
}

/** Drafts, immutable content-hashed versions, publish/activate/deactivate. */
@Injectable()
export class FlowsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(CONNECTORS) private readonly connectors: ConnectorRegistry,
    private readonly triggers: TriggerSetup,
  ) {}

  /** Validates a document as a draft would be (schema, graph, expressions, connector catalog). */
  check(input: unknown): { doc: FlowDocument | undefined; raw: unknown; problems: Problem[] } {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      const problem: Problem = {
        path: '',
        code: 'schema.type',
        message: 'a flow document must be a JSON object',
        severity: 'error',
      };
      return { doc: undefined, raw: input, problems: [problem] };
    }
    const loaded = loadFlow(input, { catalog: catalogFor(this.connectors) });
    return { doc: loaded.doc, raw: loaded.raw, problems: loaded.problems };
  }

  /**
   * Accepts a valid document, or with `allowInvalid` a draft that still has problems (so work in
   * progress is never lost) as long as it is an object with a well-formed id and a name.
   */
  private requireValid(
    input: unknown,
    allowInvalid: boolean,
  ): { doc: FlowDocument; problems: Problem[] } {
    const { doc, raw, problems } = this.check(input);
    if (doc) return { doc, problems };
    const draft = raw as Partial<FlowDocument> | undefined;
    const named =
      typeof draft?.id === 'string' &&
      /^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(draft.id) &&
      typeof draft.name === 'string';
    if (allowInvalid && named) return { doc: draft as FlowDocument, problems };
    throw new ApiProblem(422, 'flow.invalid', 'the flow document has problems', problems);
  }

  /** Creates a flow from a draft document. */
  async create(
    input: unknown,
    opts: {
      allowInvalid?: boolean;
      actor: string;
      origin?: Record<string, unknown>;
      bindings?: Record<string, string>;
      params?: Record<string, unknown>;
    },
  ): Promise<FlowView> {
    const { doc, problems } = this.requireValid(input, opts.allowInvalid ?? false);
    return this.ds.transaction(async (em) => {
      if (await em.findOneBy(FlowEntity, { id: doc.id })) {
        throw new ApiProblem(
          409,
          'flow.exists',
          `a flow with id "${doc.id}" exists; update it with PUT /api/v1/flows/${doc.id}`,
        );
      }
      const flow = em.create(FlowEntity, {
        id: doc.id,
        name: doc.name,
        description: doc.description ?? null,
        draft: doc,
        draftProblems: problems,
        activeVersionId: null,
        enabled: false,
        bindings: opts.bindings ?? {},
        params: opts.params ?? {},
        origin: opts.origin ?? null,
      });
      await em.save(flow);
      await audit(em, opts.actor, 'flow.create', doc.id);
      return view(flow);
    });
  }

  /** Replaces a flow's draft; the live version is untouched until the next publish. */
  async updateDraft(
    id: string,
    input: unknown,
    opts: { allowInvalid?: boolean; actor: string },
  ): Promise<FlowView> {
    const { doc, problems } = this.requireValid(input, opts.allowInvalid ?? false);
    if (doc.id !== id) {
      throw new ApiProblem(
        422,
        'flow.id-mismatch',
        `the document's id "${doc.id}" differs from the URL's "${id}"`,
        [{ path: '/id', code: 'flow.id-mismatch', message: 'flow ids never change once created' }],
      );
    }
    const flow = await this.get(id);
    flow.draft = doc;
    flow.name = doc.name;
    flow.description = doc.description ?? null;
    flow.draftProblems = problems;
    await this.ds.getRepository(FlowEntity).save(flow);
    await audit(this.ds.manager, opts.actor, 'flow.edit', id);
    return view(flow);
  }

  /** Binds connection slots to stored connections and sets parameter values. */
  async configure(
    id: string,
    body: { bindings?: Record<string, string>; params?: Record<string, unknown> },
    actor: string,
  ): Promise<FlowView> {
    const flow = await this.get(id);
    if (body.bindings) flow.bindings = body.bindings;
    if (body.params) flow.params = body.params;
    await this.ds.getRepository(FlowEntity).save(flow);
    await audit(this.ds.manager, actor, 'flow.configure', id, { bindings: flow.bindings });
    return view(flow);
  }

  /** Freezes the draft into an immutable version (reusing an identical one) and makes it live. */
  async publish(
    id: string,
    actor: string,
  ): Promise<{ flow: FlowView; version: FlowVersionEntity; created: boolean }> {
    return this.ds.transaction(async (em) => {
      const flow = await em.findOne(FlowEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!flow) throw new ApiProblem(404, 'flow.not-found', `no flow "${id}"`);
      const { doc } = this.requireValid(flow.draft, false);
      const hash = sha256(canonicalJson(doc));
      let version = await em.findOneBy(FlowVersionEntity, { flowId: id, contentHash: hash });
      const created = !version;
      if (!version) {
        const last = await em
          .createQueryBuilder(FlowVersionEntity, 'v')
          .select('max(v.version)', 'max')
          .where('v.flow_id = :id', { id })
          .getRawOne<{ max: number | null }>();
        version = em.create(FlowVersionEntity, {
          id: randomUUID(),
          flowId: id,
          version: (last?.max ?? 0) + 1,
          contentHash: hash,
          document: doc,
        });
        await em.save(version);
      }
      flow.activeVersionId = version.id;
      flow.enabled = true;
      await em.save(flow);
      await this.triggers.activate(em, flow.id, version);
      await audit(em, actor, 'flow.publish', id, { version: version.version, hash });
      return { flow: view(flow), version, created };
    });
  }

  /** Turns the flow's triggers on (optionally switching to another of its versions) or off. */
  async setEnabled(
    id: string,
    enabled: boolean,
    actor: string,
    versionNumber?: number,
  ): Promise<FlowView> {
    return this.ds.transaction(async (em) => {
      const flow = await em.findOne(FlowEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!flow) throw new ApiProblem(404, 'flow.not-found', `no flow "${id}"`);
      if (versionNumber !== undefined) {
        const v = await em.findOneBy(FlowVersionEntity, { flowId: id, version: versionNumber });
        if (!v)
          throw new ApiProblem(
            404,
            'flow.version-not-found',
            `flow "${id}" has no version ${versionNumber}`,
          );
        flow.activeVersionId = v.id;
      }
      if (enabled && !flow.activeVersionId) {
        throw new ApiProblem(409, 'flow.unpublished', 'publish the flow before activating it');
      }
      flow.enabled = enabled;
      await em.save(flow);
      const version = flow.activeVersionId
        ? await em.findOneByOrFail(FlowVersionEntity, { id: flow.activeVersionId })
        : undefined;
      if (enabled && version) await this.triggers.activate(em, id, version);
      else await this.triggers.deactivate(em, id);
      await audit(em, actor, enabled ? 'flow.activate' : 'flow.deactivate', id);
      return view(flow);
    });
  }

  /** Loads a flow or answers 404. */
  async get(id: string): Promise<FlowEntity> {
    const flow = await this.ds.getRepository(FlowEntity).findOneBy({ id });
    if (!flow) throw new ApiProblem(404, 'flow.not-found', `no flow "${id}"`);
    return flow;
  }

  /** One flow as the API shows it. */
  async getView(id: string): Promise<FlowView> {
    return view(await this.get(id));
  }

  /** All flows, newest first. */
  async list(): Promise<FlowView[]> {
    const flows = await this.ds.getRepository(FlowEntity).find({
      where: { archivedAt: IsNull() },
      order: { updatedAt: 'DESC' },
    });
    return flows.map(view);
  }

  /** The versions of a flow, newest first (documents omitted). */
  async versions(id: string): Promise<Omit<FlowVersionEntity, 'document'>[]> {
    await this.get(id);
    return this.ds.getRepository(FlowVersionEntity).find({
      where: { flowId: id },
      order: { version: 'DESC' },
      select: { id: true, flowId: true, version: true, contentHash: true, createdAt: true },
    });
  }

  /** One version with its document. */
  async version(id: string, version: number): Promise<FlowVersionEntity> {
    const v = await this.ds.getRepository(FlowVersionEntity).findOneBy({ flowId: id, version });
    if (!v)
      throw new ApiProblem(404, 'flow.version-not-found', `flow "${id}" has no version ${version}`);
    return v;
  }
}

function view(f: FlowEntity): FlowView {
  return {
    id: f.id,
    name: f.name,
    description: f.description,
    draft: f.draft,
    problems: f.draftProblems as Problem[],
    activeVersionId: f.activeVersionId,
    enabled: f.enabled,
    bindings: f.bindings,
    params: f.params,
    origin: f.origin,
    updatedAt: f.updatedAt.toISOString(),
  };
}

/** Appends an audit entry inside the caller's transaction. */
export async function audit(
  em: EntityManager,
  actor: string,
  action: string,
  subject: string,
  details?: Record<string, unknown>,
): Promise<void> {
  await em.insert(AuditEntryEntity, {
    actor,
    action,
    subject,
    details: (details ?? null) as never,
  });
}
