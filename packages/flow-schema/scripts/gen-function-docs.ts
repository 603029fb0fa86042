// Writes docs/functions.md from the function library; a test fails when the file is stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { braidFunctions, renderFunctionDocs } from '../src/functions/index.js';

const target = fileURLToPath(new URL('../docs/functions.md', import.meta.url));
mkdirSync(fileURLToPath(new URL('../docs/', import.meta.url)), { recursive: true });
writeFileSync(target, renderFunctionDocs(braidFunctions));
process.stdout.write(`wrote ${target}\n`);
