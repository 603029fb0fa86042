import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { type ConnectorRegistry, WebhookRejected } from '@braid/connectors';
import { eventMatches } from '@braid/flow-schema';
import type { Metrics } from '../../core/metrics.js';
import type { ConnectionsService } from '../connections/connections.service.js';
import type { TriggerService } from '../runs/trigger.service.js';

/** What the webhook route needs. */
export interface WebhookDeps {
  triggers: TriggerService;
  connections: ConnectionsService;
  connectors: ConnectorRegistry;
  metrics: Metrics;
  logger: Logger;
  maxBytes: number;
}

function reject(
  reply: FastifyReply,
  deps: WebhookDeps,
  started: number,
  status: number,
  code: string,
  message: string,
): FastifyReply {
  deps.metrics.webhooksRejected.inc({ reason: code });
  // Rejected deliveries are stored nowhere: a counter and this line are all that remains.
  deps.logger.info({ status, code, ip: reply.request.ip }, 'webhook rejected');
  deps.metrics.webhookAck.observe({ outcome: 'rejected' }, performance.now() - started);
  return reply.code(status).send({ status, code, message });
}

/**
 * `POST /hooks/:flowId`: a plain Fastify route (outside Nest's pipeline, for latency) that
 * keeps the raw bytes, lets the connector verify the signature before anything is parsed,
 * and answers 2xx only after the inbox row and the run are committed together.
 */
export function registerWebhookIngress(app: FastifyInstance, deps: WebhookDeps): void {
  void app.register((scope, _opts, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: deps.maxBytes },
      (_req, body, next) => next(null, body),
    );
    scope.post(
      '/hooks/:flowId',
      async (req: FastifyRequest<{ Params: { flowId: string } }>, reply) => {
        const started = performance.now();
        const flow = await deps.triggers.liveFlow(req.params.flowId);
        const trigger = flow?.doc.trigger;
        if (!flow || !flow.enabled || trigger?.type !== 'webhook') {
          return reject(
            reply,
            deps,
            started,
            404,
            'webhook.no-flow',
            'no active webhook flow at this address',
          );
        }
        const slot = trigger.connection;
        const ref = flow.doc.connections?.[slot]?.connector;
        const connectionId = flow.bindings[slot];
        const connector = ref ? deps.connectors.get(ref) : undefined;
        if (!connectionId || !connector?.webhook) {
          return reject(
            reply,
            deps,
            started,
            409,
            'webhook.unbound',
            `connection slot "${slot}" is not bound to a connection`,
          );
        }
        const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        let delivery;
        try {
          const connection = await deps.connections.resolve(connectionId);
          delivery = connector.webhook.verify({ headers: req.headers, rawBody }, connection);
        } catch (err) {
          if (err instanceof WebhookRejected)
            return reject(reply, deps, started, err.status, err.code, err.message);
          throw err;
        }
        if (!eventMatches(trigger.event, delivery.event)) {
          deps.metrics.webhookAck.observe({ outcome: 'ignored' }, performance.now() - started);
          return reply
            .code(200)
            .send({ ignored: true, reason: `flow listens to ${trigger.event}` });
        }
        const problems = deps.connectors.checkWebhookPayload(
          ref ?? '',
          delivery.event,
          delivery.payload,
        );
        if (problems.length > 0) {
          return reject(
            reply,
            deps,
            started,
            400,
            'webhook.payload-invalid',
            `the ${delivery.event} payload does not match its schema: ${problems.join('; ')}`,
          );
        }
        const outcome = await deps.triggers.start(flow, {
          source: `webhook:${flow.flowId}`,
          dedupeKey: delivery.dedupeKey,
          triggerType: 'webhook',
          payload: delivery.payload,
        });
        if ('skipped' in outcome) {
          deps.metrics.webhookAck.observe({ outcome: 'filtered' }, performance.now() - started);
          return reply.code(200).send({ ignored: true, reason: 'filtered' });
        }
        deps.metrics.webhookAck.observe(
          { outcome: outcome.created ? 'accepted' : 'duplicate' },
          performance.now() - started,
        );
        return reply
          .code(outcome.created ? 202 : 200)
          .send({ runId: outcome.runId, duplicate: !outcome.created });
      },
    );
    done();
  });
}
