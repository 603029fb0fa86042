import { StepFailure } from '@braid/engine';
import type { ConnectorContext, JsonSchema } from '../../kit/types.js';
import { callPayTrace } from '../client.js';

/** The result of a vault write (create, update, delete). */
export interface CustomerResult {
  customerId: string;
  responseCode: number;
  statusMessage: string;
  maskedCardNumber?: string;
  /** A retry found the customer already created by an earlier attempt (error 171). */
  alreadyExisted?: boolean;
  /** A retry found the customer already deleted by an earlier attempt (error 30). */
  alreadyDeleted?: boolean;
}

/** JSON Schema of CustomerResult. */
export const customerResultSchema: JsonSchema = {
  type: 'object',
  required: ['customerId', 'responseCode', 'statusMessage'],
  properties: {
    customerId: { type: 'string' },
    responseCode: { type: 'integer' },
    statusMessage: { type: 'string' },
    maskedCardNumber: { type: 'string' },
    alreadyExisted: { type: 'boolean' },
    alreadyDeleted: { type: 'boolean' },
  },
};

/**
 * Calls a vault endpoint. On a retry (attempt > 1) the error an earlier, lost success would cause
 * — 171 duplicate on create, 30 not found on delete — is read as that success.
 */
export async function customerWrite(
  ctx: ConnectorContext,
  path: string,
  body: Record<string, unknown>,
  customerId: string,
  onRetry?: { code: 'PAYTRACE_171' | 'PAYTRACE_30'; mark: 'alreadyExisted' | 'alreadyDeleted' },
): Promise<CustomerResult> {
  try {
    const res = await callPayTrace(ctx, path, body);
    const masked = typeof res.masked_card_number === 'string' ? res.masked_card_number : undefined;
    return {
      customerId: typeof res.customer_id === 'string' ? res.customer_id : customerId,
      responseCode: typeof res.response_code === 'number' ? res.response_code : 0,
      statusMessage: typeof res.status_message === 'string' ? res.status_message.trim() : '',
      ...(masked ? { maskedCardNumber: masked } : {}),
    };
  } catch (err) {
    if (onRetry && ctx.attempt > 1 && err instanceof StepFailure && err.code === onRetry.code) {
      return {
        customerId,
        responseCode: Number(onRetry.code.slice('PAYTRACE_'.length)),
        statusMessage: err.message,
        [onRetry.mark]: true,
      };
    }
    throw err;
  }
}
