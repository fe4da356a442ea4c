// Bundles the client (src/extension.js with vscode-languageclient and what it needs) into
// out/extension.js, so that the .vsix carries no node_modules. `vscode` is provided by the
// editor at run time.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

const result = await build({
  entryPoints: [path.join(root, 'src', 'extension.js')],
  outfile: path.join(root, 'out', 'extension.js'),
  absWorkingDir: root,
  bundle: true,
  external: ['vscode'],
  format: 'cjs',
  platform: 'node',
  target: 'node16', // the Node.js of VS Code 1.75's Electron
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});

// The licenses of the packages inside the bundle, as their MIT-style licenses ask.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (m) packages.set(m[1], true);
}
const notices = [];
for (const dir of [...packages.keys()].sort()) {
  const full = path.join(root, dir);
  const { name, version, license } = JSON.parse(readFileSync(path.join(full, 'package.json'), 'utf8'));
  const file = readdirSync(full).find((f) => /^(licen[sc]e|copying)(\.(md|txt))?$/i.test(f));
  if (!file) throw new Error(`no license file in ${dir}`);
  notices.push(`${name} ${version} (${license})\n\n${readFileSync(path.join(full, file), 'utf8').trim()}\n`);
}
writeFileSync(
  path.join(root, 'out', 'ThirdPartyNotices.txt'),
  `The applc extension bundles these packages in out/extension.js.\n\n${notices.join('\n' + '-'.repeat(78) + '\n\n')}`,
);

// The client library kills a server that outlives its `exit` with this script, found next
// to its own code: next to the bundle, once bundled.
mkdirSync(path.join(root, 'out'), { recursive: true });
const script = path.join(path.dirname(require.resolve('vscode-languageclient/node')), 'lib', 'node', 'terminateProcess.sh');
const copy = path.join(root, 'out', 'terminateProcess.sh');
copyFileSync(script, copy);
chmodSync(copy, 0o755);
console.log(`built out/extension.js (${packages.size} packages bundled), out/ThirdPartyNotices.txt, out/terminateProcess.sh`);
