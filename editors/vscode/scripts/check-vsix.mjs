// Lists a .vsix (a zip) and checks that it holds what the extension needs to work: the
// manifest, the grammar, the language configuration and the bundled client, and nothing
// of the sources, tests or node_modules. Reads the zip's central directory itself, so
// that no unzip tool is needed. Usage: node scripts/check-vsix.mjs applc-X.Y.Z.vsix
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const zip = readFileSync(file);

// The end-of-central-directory record: its signature, searched from the end.
let eocd = -1;
for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
  if (zip.readUInt32LE(i) === 0x06054b50) {
    eocd = i;
    break;
  }
}
if (eocd < 0) throw new Error(`${file}: not a zip file`);
const count = zip.readUInt16LE(eocd + 10);
let at = zip.readUInt32LE(eocd + 16);
const entries = new Map();
for (let i = 0; i < count; i++) {
  if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory`);
  const size = zip.readUInt32LE(at + 24);
  const nameLength = zip.readUInt16LE(at + 28);
  const extraLength = zip.readUInt16LE(at + 30);
  const commentLength = zip.readUInt16LE(at + 32);
  const mode = zip.readUInt32LE(at + 38) >>> 16;
  const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
  entries.set(name, { size, mode });
  at += 46 + nameLength + extraLength + commentLength;
}

for (const [name, { size }] of entries) console.log(`${String(size).padStart(9)}  ${name}`);

const problems = [];
const required = [
  'extension.vsixmanifest',
  'extension/package.json',
  'extension/readme.md',
  'extension/language-configuration.json',
  'extension/syntaxes/appliance.tmLanguage.json',
  'extension/out/extension.js',
  'extension/out/terminateProcess.sh',
  'extension/out/ThirdPartyNotices.txt',
];
for (const name of required) {
  if (!entries.has(name)) problems.push(`missing ${name}`);
}
for (const name of entries.keys()) {
  if (/node_modules|\/src\/|\/test\/|\/scripts\/|package-lock|\.npmrc|build\.sh/.test(name)) {
    problems.push(`should not be packaged: ${name}`);
  }
}
const terminate = entries.get('extension/out/terminateProcess.sh');
if (terminate && (terminate.mode & 0o111) === 0) problems.push('out/terminateProcess.sh is not executable');
const client = entries.get('extension/out/extension.js');
if (client && client.size < 100000) problems.push('out/extension.js is too small to hold the language client');

if (problems.length) {
  for (const p of problems) console.error(`check-vsix: ${p}`);
  process.exit(1);
}
console.log(`check-vsix: ${file}: ${entries.size} files, ${zip.length} bytes, all there`);
