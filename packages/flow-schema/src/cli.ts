import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type LoadProblem, loadFlow } from './load.js';
import { type ConnectorCatalog, hasErrors, isRecord } from './validation/problem.js';

/** What the CLI logic needs from the outside world, so tests can run it without a disk. */
export interface CliIo {
  readFile: (path: string) => string;
}

/** What a CLI run printed and how it exits. */
export interface CliResult {
  stdout: string[];
  stderr: string[];
  code: number;
}

const USAGE = [
  'usage: braid validate [--catalog <catalog.json>] <flow.json>...',
  '  Validates flow documents; prints one line per problem.',
  '  Exit code: 0 no errors (warnings allowed), 1 errors found, 2 usage error.',
];

const usage = (why?: string): CliResult => ({
  stdout: [],
  stderr: [...(why ? [`braid: ${why}`] : []), ...USAGE],
  code: 2,
});

function formatProblem(file: string, p: LoadProblem): string {
  const where = p.line !== undefined && p.column !== undefined ? `${p.line}:${p.column}` : p.path;
  return `${file}:${where}: ${p.severity} ${p.code}: ${p.message}`;
}

function readCatalog(path: string, io: CliIo): ConnectorCatalog | string {
  try {
    const value: unknown = JSON.parse(io.readFile(path));
    return isRecord(value) ? (value as ConnectorCatalog) : `catalog ${path} must be a JSON object`;
  } catch (e) {
    return `cannot read catalog ${path}: ${e instanceof Error ? e.message : String(e)}`;
  }
}

function validateFiles(
  files: string[],
  catalog: ConnectorCatalog | undefined,
  io: CliIo,
): CliResult {
  const result: CliResult = { stdout: [], stderr: [], code: 0 };
  for (const file of files) {
    let text: string;
    try {
      text = io.readFile(file);
    } catch (e) {
      result.stdout.push(
        `${file}: error io.read: cannot read the file (${e instanceof Error ? e.message : String(e)}).`,
      );
      result.code = 1;
      continue;
    }
    const { problems } = loadFlow(text, catalog ? { catalog } : {});
    if (problems.length === 0) result.stdout.push(`${file}: ok`);
    result.stdout.push(...problems.map((p) => formatProblem(file, p)));
    if (hasErrors(problems)) result.code = 1;
  }
  return result;
}

/** Runs the CLI on its arguments (without `node` and the script); pure apart from `io`. */
export function runCli(args: readonly string[], io: CliIo): CliResult {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h') return usage();
  if (command !== 'validate') return usage(`unknown command ${command}`);
  const files: string[] = [];
  let catalog: ConnectorCatalog | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--catalog') {
      const path = rest[++i];
      if (path === undefined) return usage('--catalog needs a file');
      const loaded = readCatalog(path, io);
      if (typeof loaded === 'string') return usage(loaded);
      catalog = loaded;
    } else if (arg.startsWith('-') && arg !== '-') return usage(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (files.length === 0) return usage('no files to validate');
  return validateFiles(files, catalog, io);
}

/** The process entry: the only place that touches argv, the console and the exit code. */
export function main(): void {
  // pnpm runs root scripts from the repo root; INIT_CWD is where the user typed the command.
  const cwd = process.env['INIT_CWD'] ?? process.cwd();
  const result = runCli(process.argv.slice(2), {
    readFile: (path) => readFileSync(resolve(cwd, path), 'utf8'),
  });
  for (const line of result.stdout) console.log(line);
  for (const line of result.stderr) console.error(line);
  process.exit(result.code);
}

if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(resolve(process.argv[1])).href
)
  main();
