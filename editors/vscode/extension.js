// Starts `scs lsp` for the SCS documents and certificate scopes of the workspace.
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration('scs');
  const command = config.get('path') || 'scs';
  const ruleDocsUrl = config.get('ruleDocsUrl') || undefined;
  client = new LanguageClient(
    'scs',
    'SCS standards',
    { command, args: ['lsp'] },
    {
      documentSelector: [
        { scheme: 'file', pattern: '**/Standards/scs-*.md' },
        { scheme: 'file', pattern: '**/Tests/scs-*.yaml' },
      ],
      initializationOptions: { ruleDocsUrl },
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
