// Entry of the import panel's webview (bundled by esbuild.mjs for the browser to
// dist/webview/panel.js). Everything it shows comes from the host as messages after the
// `ready` handshake; everything the user does goes back as messages. Both are validated.
import './zodConfig';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-divider/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-toolbar-button/index.js';
import { PanelApp } from './app';
import './vscodeApi';

const api = acquireVsCodeApi();
const root = document.getElementById('app');
if (root) {
  const app = new PanelApp(api, root);
  window.addEventListener('message', (event: MessageEvent<unknown>) => app.receive(event.data));
  // A blocked resource is a bug in the panel: tell the host, which logs it.
  document.addEventListener('securitypolicyviolation', (event) => {
    api.postMessage({ type: 'cspViolation', directive: event.effectiveDirective, blocked: event.blockedURI || 'inline' });
  });
  app.start();
}
