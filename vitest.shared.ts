import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Resolves workspace packages to their TypeScript sources so tests never need a build first. */
export const workspaceAliases = [
  {
    find: /^@braid\/(flow-schema|engine|connectors)$/,
    replacement: `${root}packages/$1/src/index.ts`,
  },
  {
    find: /^@braid\/(flow-schema|engine|connectors)\/(.+)$/,
    replacement: `${root}packages/$1/src/$2/index.ts`,
  },
];
