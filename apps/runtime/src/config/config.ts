import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The runtime's settings, read and validated once at boot. */
export interface RuntimeConfig {
  host: string;
  port: number;
  /** A PostgreSQL URL; absent means "start the embedded PostgreSQL". */
  databaseUrl: string | undefined;
  /** Local folder for the embedded database and generated keys. */
  dataDir: string;
  embeddedPgPort: number;
  /** AES-256-GCM key for connection secrets (32 bytes). */
  secretKey: Buffer | undefined;
  workerConcurrency: number;
  leaseMs: number;
  webhookMaxBytes: number;
  alertWebhookUrl: string | undefined;
  stepRetentionDays: number;
  payloadCapBytes: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Run workers in this process (API-only instances turn it off). */
  workers: boolean;
  instanceId: string;
  /** Folder of templates (`<template>/template.json` + `flow.json`) loaded into the marketplace. */
  templatesDir: string;
}

/** The repository's `examples/` folder, seen from this file in `src/` or `dist/`. */
const DEFAULT_TEMPLATES_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../examples',
);

/** Raised when an environment variable has a bad value; the message names it and says why. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(
      `${name}=${JSON.stringify(raw)} must be a whole number from ${min} to ${max}`,
    );
  }
  return n;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')} (got ${parsed.protocol})`);
  }
  return raw;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads the runtime configuration from an environment; throws ConfigError on a bad value. */
export function loadConfig(env: Env): RuntimeConfig {
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  }
  let secretKey: Buffer | undefined;
  if (env.BRAID_SECRET_KEY) {
    secretKey = Buffer.from(env.BRAID_SECRET_KEY, 'base64');
    if (secretKey.length !== 32) {
      throw new ConfigError(
        'BRAID_SECRET_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)',
      );
    }
  }
  const workers = env.BRAID_WORKERS ?? 'true';
  if (workers !== 'true' && workers !== 'false')
    throw new ConfigError('BRAID_WORKERS must be true or false');
  return {
    host: env.HOST ?? '127.0.0.1',
    port: int(env, 'PORT', 3000, 0, 65535),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: env.BRAID_DATA_DIR ?? '.braid',
    embeddedPgPort: int(env, 'BRAID_EMBEDDED_PG_PORT', 54329, 1024, 65535),
    secretKey,
    workerConcurrency: int(env, 'BRAID_WORKER_CONCURRENCY', 200, 1, 10_000),
    leaseMs: int(env, 'BRAID_LEASE_MS', 30_000, 1_000, 3_600_000),
    webhookMaxBytes: int(env, 'BRAID_WEBHOOK_MAX_BYTES', 1_048_576, 1_024, 104_857_600),
    alertWebhookUrl: url(env, 'BRAID_ALERT_WEBHOOK_URL', ['http:', 'https:']),
    stepRetentionDays: int(env, 'BRAID_STEP_RETENTION_DAYS', 30, 0, 3650),
    payloadCapBytes: int(env, 'BRAID_PAYLOAD_CAP_BYTES', 65_536, 1_024, 16_777_216),
    logLevel: logLevel as RuntimeConfig['logLevel'],
    workers: workers === 'true',
    instanceId: env.BRAID_INSTANCE_ID ?? `rt-${randomBytes(4).toString('hex')}`,
    templatesDir: env.BRAID_TEMPLATES_DIR ?? DEFAULT_TEMPLATES_DIR,
  };
}
