import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import type { Logger } from 'pino';
import { type TemplateManifest, manifestProblems } from './template-manifest.js';

/** One template version as stored. */
export interface StoredTemplate {
  id: string;
  version: string;
  manifest: TemplateManifest;
  flow: Record<string, unknown>;
  contentHash: string;
}

/** Reads every `<dir>/<template>/template.json` + `flow.json`; invalid ones are reported, not thrown. */
export function readTemplateDir(dir: string): {
  templates: StoredTemplate[];
  problems: { template: string; message: string }[];
} {
  const templates: StoredTemplate[] = [];
  const problems: { template: string; message: string }[] = [];
  if (!existsSync(dir)) return { templates, problems };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const manifestFile = path.join(dir, entry.name, 'template.json');
    const flowFile = path.join(dir, entry.name, 'flow.json');
    if (!existsSync(manifestFile) || !existsSync(flowFile)) continue;
    try {
      const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as TemplateManifest;
      const flow = JSON.parse(readFileSync(flowFile, 'utf8')) as Record<string, unknown>;
      const bad = manifestProblems(manifest);
      if (bad.length > 0) {
        problems.push({ template: entry.name, message: `template.json: ${bad.join('; ')}` });
        continue;
      }
      const contentHash = createHash('sha256')
        .update(JSON.stringify([manifest, flow]))
        .digest('hex');
      templates.push({ id: manifest.id, version: manifest.version, manifest, flow, contentHash });
    } catch (err) {
      problems.push({ template: entry.name, message: (err as Error).message });
    }
  }
  return { templates, problems };
}

/**
 * Stores the templates found on disk as versions. Versions seen before stay in the table even when
 * the folder moves on, which is what lets installed flows be upgraded with a diff.
 */
export async function syncTemplates(
  db: pg.Pool,
  dir: string,
  logger: Logger,
): Promise<StoredTemplate[]> {
  const { templates, problems } = readTemplateDir(dir);
  for (const p of problems) logger.warn(p, 'template skipped');
  for (const t of templates) {
    const res = await db.query<{ content_hash: string }>(
      `insert into templates (id, version, manifest, flow, content_hash) values ($1, $2, $3, $4, $5)
       on conflict (id, version) do update set manifest = excluded.manifest, flow = excluded.flow,
         content_hash = excluded.content_hash
       returning (select content_hash from templates where id = $1 and version = $2) as content_hash`,
      [t.id, t.version, t.manifest, t.flow, t.contentHash],
    );
    const previous = res.rows[0]?.content_hash;
    if (previous && previous !== t.contentHash) {
      logger.warn(
        { template: t.id, version: t.version },
        'template content changed without a version bump; bump the version for installed flows to see an upgrade',
      );
    }
  }
  return templates;
}
