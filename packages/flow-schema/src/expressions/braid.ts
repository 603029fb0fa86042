import { compileAst } from '../compiler/index.js';
import { braidFunctions } from '../functions/index.js';
import {
  type ExpressionEngine,
  type ExpressionEngineOptions,
  createExpressionEngine,
} from './engine.js';

/**
 * The expression engine the runtime and the designer's preview share: Braid's finance
 * functions registered on every expression, compiled to JavaScript where the compiler can.
 */
export function createBraidExpressionEngine(
  options: Omit<ExpressionEngineOptions, 'functions'> = {},
): ExpressionEngine {
  return createExpressionEngine({ compiler: compileAst, ...options, functions: braidFunctions });
}
