import { ExpressionError } from '@braid/flow-schema';
import { type StepError, StepFailure } from './ports.js';

/** Turns anything a step threw into the StepError stored on its record. */
export function classify(err: unknown, where?: string): StepError {
  if (err instanceof StepFailure) return err.toStepError();
  if (err instanceof ExpressionError) {
    return {
      kind: 'fatal',
      code: `EXPRESSION_${err.code}`,
      message: `${where ? `${where}: ` : ''}${err.message}`,
      details: {
        ...(err.position !== undefined ? { position: err.position } : {}),
        ...(where ? { field: where } : {}),
      },
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { kind: 'retryable', code: 'UNEXPECTED', message };
}
