import * as vscode from 'vscode';
import { toUri } from './uriArgument';
import { SOURCE_ENCODING_NAMES, VSCODE_ENCODING_IDS, convertToUtf8, decodeFile, encodingCandidates, hex } from '../../core/encoding/decodeFile';
import { NON_UTF8_ENCODINGS, type NonUtf8Encoding } from '../../core/protocol/lspProtocol';
import type { DiskFactsReporter } from '../diskFacts/diskFactsReporter';
import { cannotConvertUnsaved, cannotReopenUnsaved, saveBeforeConverting } from './encodingPrompts';
import { fileName } from './targetDocument';

/**
 * "Classworks: Reopen with Encoding…" and "Classworks: Convert File to UTF-8 from…", the quick
 * fixes of file.not-utf8. VS Code reads a Windows-1252 or Mac Roman file as UTF-8 and shows the
 * letters it cannot decode as U+FFFD; the bytes on disk still hold them, so both commands read
 * the bytes (vscode.workspace.fs) and ask which encoding they are in, the guess from the bytes
 * first (core/encoding/decodeFile). The decoding and conversion are the core's; this is glue.
 */

/** Reopens the file in the encoding chosen (VS Code decodes it again), so the letters show as they are. Returns whether it did. */
export async function reopenWithEncoding(uriArg: unknown, encodingArg: unknown): Promise<boolean> {
  const uri = toUri(uriArg) ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri) return false;
  const open = openDocument(uri);
  if (open?.isDirty) {
    const prompt = cannotReopenUnsaved(fileName(uri));
    await vscode.window.showWarningMessage(prompt.message, { modal: true, detail: prompt.detail });
    return false;
  }
  const bytes = await readBytes(uri);
  if (!bytes) return false;
  const encoding = isEncoding(encodingArg) ? encodingArg : await pickEncoding(bytes, `Reopen ${fileName(uri)} with Encoding`, true);
  if (!encoding) return false;
  const document = await vscode.workspace.openTextDocument(uri, { encoding: VSCODE_ENCODING_IDS[encoding] });
  await vscode.window.showTextDocument(document, { preview: false });
  return true;
}

/**
 * Converts the file on disk to UTF-8 from the encoding chosen, changing nothing else (line
 * endings, quotes, a BOM kept as the UTF-8 one), and reopens it as UTF-8; then the bytes are
 * read again and the server drops file.not-utf8. Refuses (with a message) bytes that are not
 * exactly text in that encoding. Returns whether the file was converted.
 */
export async function convertFileToUtf8(uriArg: unknown, encodingArg: unknown, facts: DiskFactsReporter): Promise<boolean> {
  const uri = toUri(uriArg) ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri) return false;
  const name = fileName(uri);
  const open = openDocument(uri);
  if (open?.isDirty) {
    // A short message (a toast cuts long ones off): the why and how are the modal dialog's detail.
    if (open.getText().includes('\uFFFD')) {
      const prompt = cannotConvertUnsaved(name);
      await vscode.window.showWarningMessage(prompt.message, { modal: true, detail: prompt.detail });
      return false;
    }
    const prompt = saveBeforeConverting(name, open.encoding);
    const save = prompt.action ?? 'Save and Convert';
    const choice = await vscode.window.showWarningMessage(prompt.message, { modal: true, detail: prompt.detail }, save);
    if (choice !== save || !(await open.save())) return false;
  }
  const bytes = await readBytes(uri);
  if (!bytes) return false;
  if (decodeFile(bytes).kind === 'utf8') {
    void vscode.window.showInformationMessage(`Classworks: ${name} is already UTF-8; there is nothing to convert.`);
    return false;
  }
  const encoding = isEncoding(encodingArg) ? encodingArg : await pickEncoding(bytes, `Convert ${name} to UTF-8 from`, false);
  if (!encoding) return false;
  const converted = convertToUtf8(bytes, encoding);
  if (!converted.ok) {
    void vscode.window.showErrorMessage(`Classworks: ${name} was not converted. ${converted.message}`);
    return false;
  }
  await vscode.workspace.fs.writeFile(uri, converted.bytes);
  if (open) {
    // Reopened as UTF-8: a document shown in another encoding would otherwise read the new bytes in that one.
    await vscode.workspace.openTextDocument(uri, { encoding: converted.bom ? 'utf8bom' : 'utf8' });
  }
  await facts.refresh(uri);
  vscode.window.setStatusBarMessage(`$(check) Classworks: ${name} converted from ${SOURCE_ENCODING_NAMES[encoding]} to UTF-8.`, 4000);
  return true;
}

interface EncodingItem extends vscode.QuickPickItem {
  encoding?: NonUtf8Encoding | 'utf8';
}

/**
 * Asks for the encoding, the encodings that read the bytes exactly first (the guess at the top,
 * preselected), each with what the first byte that is not UTF-8 reads as in it.
 */
async function pickEncoding(bytes: Uint8Array, title: string, offerUtf8: true): Promise<NonUtf8Encoding | 'utf8' | undefined>;
async function pickEncoding(bytes: Uint8Array, title: string, offerUtf8: false): Promise<NonUtf8Encoding | undefined>;
async function pickEncoding(bytes: Uint8Array, title: string, offerUtf8: boolean): Promise<NonUtf8Encoding | 'utf8' | undefined> {
  const candidates = encodingCandidates(bytes);
  const items: EncodingItem[] = [];
  candidates.forEach((encoding, i) => items.push({ label: SOURCE_ENCODING_NAMES[encoding], description: i === 0 ? 'guessed from the bytes' : undefined, detail: reading(bytes, encoding), encoding }));
  const others = NON_UTF8_ENCODINGS.filter((e) => !candidates.includes(e));
  if (others.length > 0 || offerUtf8) items.push({ label: 'Other encodings', kind: vscode.QuickPickItemKind.Separator });
  for (const encoding of others) items.push({ label: SOURCE_ENCODING_NAMES[encoding], description: 'does not read these bytes exactly', encoding });
  if (offerUtf8) items.push({ label: 'UTF-8', description: 'VS Code’s default', encoding: 'utf8' });
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'The encoding the file was saved in' });
  return picked?.encoding;
}

/** "Byte 0xE9 on line 3 reads as “é” (in “José”)" for a single-byte encoding. */
function reading(bytes: Uint8Array, encoding: NonUtf8Encoding): string | undefined {
  const decoded = decodeFile(bytes, encoding);
  if (decoded.kind !== 'decoded') return undefined;
  const { start } = decoded;
  if (start.byte === undefined) return undefined;
  const word = start.word ? ` (in “${start.word}”)` : '';
  return `Byte ${hex(start.byte)} on line ${start.line + 1} reads as “${start.reads}”${word}`;
}

function isEncoding(value: unknown): value is NonUtf8Encoding {
  return typeof value === 'string' && (NON_UTF8_ENCODINGS as readonly string[]).includes(value);
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}

async function readBytes(uri: vscode.Uri): Promise<Uint8Array | undefined> {
  try {
    return await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    void vscode.window.showErrorMessage(`Classworks: cannot read ${fileName(uri)}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
