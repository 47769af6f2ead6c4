import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** Where the webview's files are built (esbuild.mjs): the only folder the webview may load from. */
export const WEBVIEW_DIST = ['dist', 'webview'] as const;

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableForms: false,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, ...WEBVIEW_DIST)],
    // No retainContextWhenHidden: the webview keeps its state with setState and the host
    // answers each new `ready` with the whole state.
  };
}

/** A nonce for the one script tag: 128 random bits from node:crypto, fresh for each page. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The panel's page: a strict Content-Security-Policy (nothing but our own script, styles and
 * font from dist/webview; no inline script, no remote content, no connections), one script
 * with a nonce, no data in the page itself (the state arrives as messages after `ready`).
 */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, nonce = makeNonce()): string {
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...WEBVIEW_DIST, name)).toString();
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    "connect-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('codicon.css')}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${asset('panel.css')}">
<title>Classworks Import</title>
</head>
<body>
<div id="app" class="app"><p class="loading">Loading the import panel…</p></div>
<script nonce="${nonce}" src="${asset('panel.js')}"></script>
</body>
</html>
`;
}
