// The applc extension: starts `applc lsp` (a language server on stdin/stdout) for
// `.appliance` files. Highlighting and the language configuration are static
// contributions in package.json and need none of this code.
'use strict';

const os = require('os');
const path = require('path');
const vscode = require('vscode');
const { LanguageClient, State } = require('vscode-languageclient/node');

const SECTION = 'applc';

/** @type {LanguageClient | undefined} */
let client;
/** @type {vscode.OutputChannel | undefined} */
let output;

/**
 * The command to run, from the `applc.path` setting: a bare name is looked up on PATH by
 * the system, `~/...` is the home folder, and a relative path with a slash (`bin/applc`)
 * is taken from the first workspace folder.
 */
function serverCommand() {
  const configured = vscode.workspace.getConfiguration(SECTION).get('path');
  let command = typeof configured === 'string' && configured.trim() ? configured.trim() : 'applc';
  if (command === '~' || command.startsWith('~/')) {
    command = path.join(os.homedir(), command.slice(1));
  }
  const hasSeparator = command.includes('/') || command.includes(path.sep);
  const folders = vscode.workspace.workspaceFolders;
  if (hasSeparator && !path.isAbsolute(command) && folders && folders.length > 0) {
    command = path.join(folders[0].uri.fsPath, command);
  }
  return command;
}

function createClient() {
  const command = serverCommand();
  // No `transport` on purpose: with TransportKind.stdio the client library would add a
  // `--stdio` argument; leaving it out still talks over stdin/stdout.
  const executable = { command, args: ['lsp'] };
  const serverOptions = { run: executable, debug: executable };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'appliance' },
      { scheme: 'untitled', language: 'appliance' },
    ],
    synchronize: {
      // Imports make one spec depend on others: tell the server when any of them changes.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.appliance'),
    },
    outputChannel: output,
  };
  const result = new LanguageClient(SECTION, 'applc language server', serverOptions, clientOptions);
  return { result, command };
}

async function startClient() {
  const { result, command } = createClient();
  client = result;
  try {
    await client.start();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    output?.appendLine(`Could not start \`${command} lsp\`: ${message}`);
    const openSettings = 'Open Settings';
    const choice = await vscode.window.showErrorMessage(
      `applc: could not start the language server \`${command} lsp\`. ` +
        'Install applc or set `applc.path` to the applc command.',
      openSettings,
    );
    if (choice === openSettings) {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'applc.path');
    }
  }
}

async function stopClient() {
  const old = client;
  client = undefined;
  if (old && old.state !== State.Stopped) {
    try {
      await old.stop();
    } catch (err) {
      output?.appendLine(`Stopping the language server failed: ${err}`);
    }
  }
}

async function restartClient() {
  await stopClient();
  await startClient();
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  output = vscode.window.createOutputChannel('applc');
  context.subscriptions.push(output);
  context.subscriptions.push(
    vscode.commands.registerCommand('applc.restartServer', restartClient),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('applc.path')) {
        void restartClient();
      }
    }),
  );
  await startClient();
}

async function deactivate() {
  await stopClient();
}

module.exports = { activate, deactivate };
