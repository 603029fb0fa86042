import { randomBytes } from 'node:crypto';
import type { Clock } from '@braid/engine';
import type {
  SandboxDefinition,
  SandboxRequest,
  SandboxResponse,
  SandboxRoute,
} from '../../sandbox/server.js';
import {
  addChargeback,
  adminRoutes,
  issueHostedFieldsToken,
  parseJsonObject,
  seedStore,
  type ChargebackInput,
  type HostedFieldsCard,
} from './controls.js';
import type { PayTraceHandler, SandboxEnv } from './env.js';
import { listChargebacks } from './exports.js';
import { errors, faultBody, json, oauthError } from './responses.js';
import { v1Handlers } from './routes.js';
import { PayTraceStore, type PayTraceSandboxState } from './store.js';

export { sandboxEncrypt, MISMATCH_CSC } from './card-intake.js';
export { DECLINE_AMOUNT_MILLS } from './transactions.js';
export type { PayTraceSandboxState } from './store.js';
export type { ChargebackInput, HostedFieldsCard } from './controls.js';

/** Options of the PayTrace sandbox. */
export interface PayTraceSandboxOptions {
  /** The fake server's clock (default: the system clock). */
  clock?: Clock;
  /** Accepted API users (default: `demo` / `demo-password`). */
  users?: { username: string; password: string }[];
  /** Access token lifetime (default 7200 s, as PayTrace). */
  tokenTtlSeconds?: number;
  /** Settle approved transactions once they are this old (checked on every request). */
  settleAfterMs?: number;
  /** HTTP status of error bodies (default 400; unconfirmed). */
  errorStatus?: number;
  /** HTTP status of declines (default 200; unconfirmed). */
  declineStatus?: number;
}

/** The PayTrace sandbox definition plus test controls. */
export interface PayTraceSandbox extends SandboxDefinition {
  state(): PayTraceSandboxState;
  /** Settles everything settleable into a new batch; returns its number (undefined if none). */
  settleAll(): number | undefined;
  /** Makes every issued access token invalid (the next call answers `invalid_token`). */
  expireTokens(): void;
  /** What PayTrace's hosted fields would hand the browser for a card. */
  issueHostedFieldsToken(card: HostedFieldsCard): { hpfToken: string; encKey: string };
  /** Opens (or moves) a chargeback on a transaction; returns its case number. */
  addChargeback(input: ChargebackInput): string;
}

// The fake server has its own wall clock, as the real service does.
const systemClock: Clock = { now: () => Date.now() };

const INVALID_TOKEN =
  'The access token provided is expired, revoked, malformed, or invalid for other reasons.';
const INVALID_GRANT =
  'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.';

/** Creates the PayTrace sandbox: a faithful fake of PayTrace's JSON API v1 for tests and demos. */
export function createPayTraceSandbox(options: PayTraceSandboxOptions = {}): PayTraceSandbox {
  const clock = options.clock ?? systemClock;
  const store = new PayTraceStore(clock);
  const users = options.users ?? [{ username: 'demo', password: 'demo-password' }];
  const ttl = options.tokenTtlSeconds ?? 7200;
  const env: SandboxEnv = {
    store,
    policy: {
      errorStatus: options.errorStatus ?? 400,
      declineStatus: options.declineStatus ?? 200,
    },
  };

  function autoSettle(): void {
    const after = options.settleAfterMs;
    if (after !== undefined) store.settle((tx) => tx.createdAt + after <= clock.now());
  }

  function authorized(req: SandboxRequest): SandboxResponse | undefined {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const entry = token ? store.tokens.get(token) : undefined;
    if (entry && entry.expiresAt > clock.now()) return undefined;
    return oauthError(401, 'invalid_token', INVALID_TOKEN);
  }

  function v1(path: string, handler: PayTraceHandler): SandboxRoute {
    return {
      method: 'POST',
      pattern: `/v1/${path}`,
      handler: (req) => {
        autoSettle();
        const denied = authorized(req);
        if (denied) return denied;
        const body = parseJsonObject(req);
        if (!body) return errors(env.policy, { '1': ['The request body is not valid JSON.'] });
        if (typeof body.integrator_id !== 'string' || body.integrator_id === '')
          return errors(env.policy, ['999']);
        return handler(body, env);
      },
    };
  }

  function token(req: SandboxRequest): SandboxResponse {
    const isJson = String(req.headers['content-type'] ?? '').includes('json');
    const form = isJson
      ? new URLSearchParams(
          Object.entries(parseJsonObject(req) ?? {}).map(([k, v]): [string, string] => [
            k,
            typeof v === 'string' ? v : JSON.stringify(v),
          ]),
        )
      : new URLSearchParams(req.rawBody.toString('utf8'));
    if (form.get('grant_type') !== 'password')
      return oauthError(
        400,
        'unsupported_grant_type',
        'The authorization grant type is not supported.',
      );
    const user = users.find(
      (u) => u.username === form.get('username') && u.password === form.get('password'),
    );
    if (!user) return oauthError(400, 'invalid_grant', INVALID_GRANT);
    const accessToken = `${randomBytes(12).toString('hex')}:${randomBytes(24).toString('hex')}`;
    const now = clock.now();
    store.tokens.set(accessToken, { username: user.username, expiresAt: now + ttl * 1000 });
    return json(200, {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: ttl,
      created_at: Math.floor(now / 1000),
    });
  }

  const pong = (): SandboxResponse => json(200, { success: true, status_message: 'pong' });
  const routes: SandboxRoute[] = [
    { method: 'POST', pattern: '/oauth/token', handler: token },
    { method: 'POST', pattern: '/v1/ping', handler: pong },
    { method: 'GET', pattern: '/v1/ping', handler: pong },
    ...Object.entries(v1Handlers).map(([path, handler]) => v1(path, handler)),
    {
      method: 'GET',
      pattern: '/disputes/v1/chargebacks',
      handler: (req) => authorized(req) ?? listChargebacks(req.query, env),
    },
    ...adminRoutes(store),
  ];

  return {
    name: 'paytrace',
    routes,
    reset: () => store.reset(),
    seed: (data) => seedStore(store, data),
    state: () => store.snapshot(),
    faultResponse: faultBody,
    settleAll: () => store.settle(),
    expireTokens: () => store.tokens.clear(),
    issueHostedFieldsToken: (card) => issueHostedFieldsToken(store, card),
    addChargeback: (input) => addChargeback(store, input),
  };
}
