// `pnpm start`: install and build on first use (or when sources changed), then run the runtime
// on the embedded PostgreSQL with the demo. Plain Node so it works before dependencies exist.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (!existsSync('node_modules/.modules.yaml')) {
  console.log('› installing dependencies (first start)');
  run('pnpm', ['install', '--frozen-lockfile']);
}
console.log('› building');
run('pnpm', ['build']);
const entry = existsSync('apps/runtime/dist/demo/main.js')
  ? 'apps/runtime/dist/demo/main.js'
  : 'apps/runtime/dist/main.js';
const child = spawn(process.execPath, ['--enable-source-maps', entry], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
