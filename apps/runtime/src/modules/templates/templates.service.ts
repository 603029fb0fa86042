import { Inject, Injectable } from '@nestjs/common';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type pg from 'pg';
import { PG_POOL } from '../../core/tokens.js';
import { ApiProblem } from '../../core/problem.js';
import { FlowsService, type FlowView } from '../flows/flows.service.js';
import { type FlowChange, diffFlows } from './flow-diff.js';
import { type TemplateManifest, compareSemver } from './template-manifest.js';
import type { StoredTemplate } from './template-store.js';

type Problem = { path: string; code: string; message: string };

/** A template in the marketplace list. */
export interface TemplateSummary {
  id: string;
  name: string;
  description: string;
  category: string;
  tags: string[];
  version: string;
  versions: string[];
  connections: TemplateManifest['connections'];
}

/** What an install request may carry. */
export interface InstallRequest {
  flowId?: string;
  name?: string;
  version?: string;
  bindings?: Record<string, string>;
  params?: Record<string, unknown>;
  publish?: boolean;
}

/** Where an installed flow came from. */
export interface TemplateOrigin {
  templateId: string;
  version: string;
  contentHash: string;
}

const ajv = new Ajv2020({ allErrors: true, strict: false, useDefaults: true });
addFormats.default(ajv);

// Template versions are immutable (a changed one is stored under its version again), so a
// validator per id@version is compiled once, not on every install.
const validators = new Map<string, ValidateFunction>();

function validatorFor(manifest: TemplateManifest): ValidateFunction {
  const key = `${manifest.id}@${manifest.version}:${JSON.stringify(manifest.params)}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(manifest.params);
    validators.set(key, validate);
  }
  return validate;
}

function paramProblems(errors: ErrorObject[] | null | undefined): Problem[] {
  return (errors ?? []).map((e) => {
    const missing =
      e.keyword === 'required'
        ? `/${String((e.params as { missingProperty?: string }).missingProperty)}`
        : '';
    return {
      path: `/params${e.instancePath}${missing}`,
      code: `template.param.${e.keyword}`,
      message: e.message ?? 'is invalid',
    };
  });
}

/** The template marketplace: list, search, preview, install, upgrade with a diff, uninstall. */
@Injectable()
export class TemplatesService {
  constructor(
    @Inject(PG_POOL) private readonly db: pg.Pool,
    private readonly flows: FlowsService,
  ) {}

  private async all(): Promise<StoredTemplate[]> {
    const res = await this.db.query<{
      id: string;
      version: string;
      manifest: TemplateManifest;
      flow: Record<string, unknown>;
      content_hash: string;
    }>('select id, version, manifest, flow, content_hash from templates');
    return res.rows
      .map((r) => ({
        id: r.id,
        version: r.version,
        manifest: r.manifest,
        flow: r.flow,
        contentHash: r.content_hash,
      }))
      .sort((a, b) => a.id.localeCompare(b.id) || compareSemver(b.version, a.version));
  }

  /** One version of a template (the newest when none is named), or 404. */
  async find(id: string, version?: string): Promise<StoredTemplate> {
    const versions = (await this.all()).filter((t) => t.id === id);
    const hit = version ? versions.find((t) => t.version === version) : versions[0];
    if (!hit) {
      throw new ApiProblem(
        404,
        'template.not-found',
        version ? `template "${id}" has no version ${version}` : `no template "${id}"`,
      );
    }
    return hit;
  }

  /** Newest version of each template, filtered by category and free text. */
  async list(filter: { category?: string; q?: string }): Promise<TemplateSummary[]> {
    const all = await this.all();
    const q = filter.q?.trim().toLowerCase();
    const out: TemplateSummary[] = [];
    for (const t of all) {
      if (out.some((s) => s.id === t.id)) continue;
      const m = t.manifest;
      if (filter.category && m.category !== filter.category) continue;
      const text = [m.id, m.name, m.description, ...(m.tags ?? [])].join(' ').toLowerCase();
      if (q && !q.split(/\s+/).every((word) => text.includes(word))) continue;
      out.push({
        id: m.id,
        name: m.name,
        description: m.description,
        category: m.category,
        tags: m.tags ?? [],
        version: m.version,
        versions: all.filter((v) => v.id === t.id).map((v) => v.version),
        connections: m.connections,
      });
    }
    return out;
  }

  /** Everything the preview shows: manifest, flow, versions and sample runs. */
  async preview(id: string, version?: string): Promise<Record<string, unknown>> {
    const t = await this.find(id, version);
    const versions = (await this.all()).filter((v) => v.id === id).map((v) => v.version);
    return {
      ...t.manifest,
      versions,
      flow: t.flow,
      sampleRuns: t.manifest.sampleRuns ?? [],
    };
  }

  /** Checks parameters against the manifest (filling defaults); 422 with field paths. */
  validateParams(manifest: TemplateManifest, params: unknown): Record<string, unknown> {
    const value = structuredClone(params ?? {}) as Record<string, unknown>;
    const validate = validatorFor(manifest);
    if (!validate(value)) {
      throw new ApiProblem(
        422,
        'template.params-invalid',
        `parameters do not match template "${manifest.id}" ${manifest.version}`,
        paramProblems(validate.errors),
      );
    }
    return value;
  }

  private async validateBindings(
    manifest: TemplateManifest,
    bindings: Record<string, string>,
  ): Promise<void> {
    const problems: Problem[] = [];
    for (const [slot, decl] of Object.entries(manifest.connections)) {
      const id = bindings[slot];
      if (!id) {
        problems.push({
          path: `/bindings/${slot}`,
          code: 'template.binding-missing',
          message: `bind "${slot}" (${decl.label}) to a ${decl.connector} connection`,
        });
        continue;
      }
      const found = (
        await this.db.query<{ connector: string }>(
          'select connector from connections where id = $1',
          [id],
        )
      ).rows[0];
      if (!found) {
        problems.push({
          path: `/bindings/${slot}`,
          code: 'template.binding-unknown',
          message: `no connection "${id}"`,
        });
      } else if (found.connector !== decl.connector) {
        problems.push({
          path: `/bindings/${slot}`,
          code: 'template.binding-connector',
          message: `connection "${id}" is ${found.connector}; "${slot}" needs ${decl.connector}`,
        });
      }
    }
    for (const slot of Object.keys(bindings)) {
      if (!(slot in manifest.connections)) {
        problems.push({
          path: `/bindings/${slot}`,
          code: 'template.binding-extra',
          message: `template "${manifest.id}" has no connection slot "${slot}"`,
        });
      }
    }
    if (problems.length > 0) {
      throw new ApiProblem(
        422,
        'template.bindings-invalid',
        'connection bindings are invalid',
        problems,
      );
    }
  }

  /** Installs a template as a draft flow (published too when asked), remembering its origin. */
  async install(
    id: string,
    req: InstallRequest,
    actor: string,
  ): Promise<{ flow: FlowView; published: boolean }> {
    const t = await this.find(id, req.version);
    const params = this.validateParams(t.manifest, req.params);
    const bindings = req.bindings ?? {};
    await this.validateBindings(t.manifest, bindings);
    const flowId = req.flowId ?? t.manifest.id;
    const doc = { ...t.flow, id: flowId, name: req.name ?? t.manifest.name };
    const origin: TemplateOrigin = {
      templateId: t.id,
      version: t.version,
      contentHash: t.contentHash,
    };
    const archived = await this.db.query<{ id: string }>(
      'select id from flows where id = $1 and archived_at is not null',
      [flowId],
    );
    let flow: FlowView;
    if (archived.rows.length > 0) {
      // Reinstalling over an uninstalled flow keeps its id, versions and run history.
      await this.db.query(`update flows set archived_at = null, origin = $2 where id = $1`, [
        flowId,
        origin,
      ]);
      await this.flows.updateDraft(flowId, doc, { actor });
      flow = await this.flows.configure(flowId, { bindings, params }, actor);
    } else {
      flow = await this.flows.create(doc, {
        actor,
        origin: origin as unknown as Record<string, unknown>,
        bindings,
        params,
      });
    }
    if (req.publish) flow = (await this.flows.publish(flowId, actor)).flow;
    return { flow, published: Boolean(req.publish) };
  }

  private async installed(flowId: string): Promise<{ flow: FlowView; origin: TemplateOrigin }> {
    const flow = await this.flows.getView(flowId);
    const origin = flow.origin as TemplateOrigin | null;
    if (!origin?.templateId) {
      throw new ApiProblem(
        409,
        'template.not-installed',
        `flow "${flowId}" was not installed from a template`,
      );
    }
    return { flow, origin };
  }

  /** What upgrading an installed flow would change, and which local edits it would replace. */
  async upgradePlan(
    flowId: string,
    to?: string,
  ): Promise<{
    flowId: string;
    templateId: string;
    from: string;
    to: string;
    changes: FlowChange[];
    localEdits: FlowChange[];
  }> {
    const { flow, origin } = await this.installed(flowId);
    const target = await this.find(origin.templateId, to);
    const from = await this.find(origin.templateId, origin.version).catch(() => undefined);
    const normalise = (doc: Record<string, unknown>) => ({ ...doc, id: flowId, name: flow.name });
    const next = normalise(target.flow);
    return {
      flowId,
      templateId: origin.templateId,
      from: origin.version,
      to: target.version,
      changes: diffFlows(flow.draft, next),
      localEdits: from ? diffFlows(normalise(from.flow), flow.draft) : [],
    };
  }

  /** Replaces the draft with a newer template version (parameters re-validated, defaults added). */
  async upgrade(
    flowId: string,
    body: { to?: string; params?: Record<string, unknown> },
    actor: string,
  ): Promise<{ flow: FlowView; changes: FlowChange[] }> {
    const plan = await this.upgradePlan(flowId, body.to);
    const { flow } = await this.installed(flowId);
    const target = await this.find(plan.templateId, plan.to);
    const params = this.validateParams(target.manifest, { ...flow.params, ...body.params });
    await this.flows.updateDraft(
      flowId,
      { ...target.flow, id: flowId, name: flow.name },
      { actor },
    );
    await this.flows.configure(flowId, { params }, actor);
    const origin: TemplateOrigin = {
      templateId: target.id,
      version: target.version,
      contentHash: target.contentHash,
    };
    await this.db.query('update flows set origin = $2 where id = $1', [flowId, origin]);
    return { flow: await this.flows.getView(flowId), changes: plan.changes };
  }

  /** Turns an installed flow off and archives it; its versions and runs stay for the record. */
  async uninstall(flowId: string, actor: string): Promise<{ flowId: string; archived: true }> {
    await this.installed(flowId);
    await this.flows.setEnabled(flowId, false, actor);
    await this.db.query('update flows set archived_at = now() where id = $1', [flowId]);
    return { flowId, archived: true };
  }

  /** Installed flows with their origin and the newest available version. */
  async installations(): Promise<Record<string, unknown>[]> {
    const res = await this.db.query<{ id: string; name: string; origin: TemplateOrigin }>(
      `select id, name, origin from flows where origin ? 'templateId' and archived_at is null order by id`,
    );
    const all = await this.all();
    return res.rows.map((r) => {
      const newest = all.find((t) => t.id === r.origin.templateId)?.version;
      return {
        flowId: r.id,
        name: r.name,
        templateId: r.origin.templateId,
        version: r.origin.version,
        latest: newest ?? null,
        upgradeAvailable: newest !== undefined && compareSemver(newest, r.origin.version) > 0,
      };
    });
  }
}
