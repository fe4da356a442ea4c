// The client test: loads the bundled extension (out/extension.js, as it goes into the
// .vsix) with a stand-in for the `vscode` module, and checks that activating it starts
// `<applc.path> lsp` and speaks LSP to it over stdin/stdout, that the restart command
// starts a new server, and that a missing command is reported, not thrown.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const Module = require('node:module');
const here = path.dirname(fileURLToPath(import.meta.url));
const bundle = path.resolve(here, '..', 'out', 'extension.js');
const fakeApplc = path.join(here, 'fixtures', 'fake-applc');

// ---------------------------------------------------------------------------------------
// A stand-in for the VS Code API: what the extension and the client library call, with
// anything else answered by an inert object.

const settings = { path: fakeApplc };
const commands = new Map();
const messages = [];

function inert() {
  return new Proxy(function () {}, {
    get: (_, p) => (p === 'then' ? undefined : p === Symbol.iterator ? function* () {} : inert()),
    apply: () => inert(),
    construct: () => inert(),
  });
}

const namespace = (overrides) =>
  new Proxy(overrides, { get: (o, p) => (p in o ? o[p] : p === 'then' ? undefined : inert()) });

const vscode = namespace({
  version: '1.75.0',
  workspace: namespace({
    workspaceFolders: undefined,
    textDocuments: [],
    getConfiguration: () => ({ get: (key, fallback) => (key in settings ? settings[key] : fallback) }),
    onDidChangeConfiguration: () => ({ dispose() {} }),
  }),
  window: namespace({
    createOutputChannel: () => ({ append() {}, appendLine() {}, show() {}, dispose() {} }),
    showErrorMessage: async (m) => void messages.push(['error', m]),
    showWarningMessage: async (m) => void messages.push(['warning', m]),
    showInformationMessage: async (m) => void messages.push(['info', m]),
  }),
  commands: namespace({
    registerCommand: (id, fn) => {
      commands.set(id, fn);
      return { dispose() {} };
    },
    executeCommand: async () => undefined,
  }),
});

// ---------------------------------------------------------------------------------------

let logDir;
let extension;
const context = { subscriptions: [] };

/** What each stand-in server process logged: [{argv, methods}], oldest first. */
function servers() {
  return readdirSync(logDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(logDir, f), 'utf8')))
    .sort((a, b) => a.started - b.started);
}

async function until(condition, what) {
  const deadline = Date.now() + 10000;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the bundled client', () => {
  before(() => {
    assert.ok(existsSync(bundle), 'out/extension.js is built (npm run build)');
    logDir = mkdtempSync(path.join(os.tmpdir(), 'applc-client-test-'));
    process.env.FAKE_APPLC_LOG = logDir;
    const load = Module._load;
    Module._load = function (request, ...rest) {
      return request === 'vscode' ? vscode : load.call(this, request, ...rest);
    };
    extension = require(bundle);
  });

  after(async () => {
    await extension?.deactivate();
    rmSync(logDir, { recursive: true, force: true });
  });

  test('the bundle needs nothing outside it but vscode and Node', () => {
    const source = readFileSync(bundle, 'utf8');
    const required = new Set([...source.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
    const builtins = new Set(Module.builtinModules);
    const outside = [...required].filter((r) => r !== 'vscode' && !builtins.has(r.replace(/^node:/, '')));
    assert.deepEqual(outside, []);
    assert.equal(typeof extension.activate, 'function');
    assert.equal(typeof extension.deactivate, 'function');
  });

  test('activation starts `applc lsp` and initializes it over stdio', async () => {
    await extension.activate(context);
    await until(() => servers().some((s) => s.methods.includes('initialized')), 'initialized');
    const [server] = servers();
    assert.deepEqual(server.argv, ['lsp']);
    assert.deepEqual(server.methods.slice(0, 2), ['initialize', 'initialized']);
    assert.deepEqual(messages, []);
  });

  test('applc.restartServer stops the server and starts a new one', async () => {
    assert.ok(commands.has('applc.restartServer'));
    await commands.get('applc.restartServer')();
    await until(() => servers().length === 2 && servers()[1].methods.includes('initialized'), 'a second server');
    const [first] = servers();
    assert.deepEqual(first.methods.slice(-2), ['shutdown', 'exit']);
  });

  test('a missing applc command is reported with a message, not thrown', async () => {
    settings.path = path.join(logDir, 'no-such-applc');
    await commands.get('applc.restartServer')();
    await until(() => messages.some(([, m]) => m.includes('could not start the language server')), 'the message');
    const ours = messages.find(([, m]) => m.includes('could not start the language server'));
    assert.equal(ours[0], 'error');
    assert.ok(ours[1].includes('applc.path'));
    settings.path = fakeApplc;
  });
});
