export { validateFlow } from './validate-flow.js';
export {
  type Problem,
  type Severity,
  type ConnectorCatalog,
  type ValidateOptions,
  hasErrors,
  escapePointerToken,
} from './problem.js';
export { outgoingPorts } from './flow-view.js';
export { successors, reachableFrom, forEachBodies } from './graph.js';
