#!/usr/bin/env node
// `npm run test:e2e`: the import panel used as a person uses it, in a real VS Code
// (code-server + headless Chromium, see workbench.mjs), on a copy of the sample district:
// open staff.csv, "Classworks: Open Import Panel" from the command palette, start the local
// sandbox district, click through Upload, Map Fields, School Mapping, Validate (fix the
// problems from the panel), Additional Actions (preview), Review & Submit, and see the import
// Completed in the Import History. A screenshot of each step goes to test-artifacts/panel/.
// Also: a CSV cell holding HTML shows as text, and the panel's Content-Security-Policy
// blocks nothing. Every wait is for a DOM state, never a fixed time.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openFile, openWorkbench, repoRoot, runCommand, webviewFrame } from './workbench.mjs';

const artifacts = path.join(repoRoot, 'test-artifacts', 'panel');
const STEP_TIMEOUT = 60_000;
const XSS = '<img src=x onerror=alert(1)>';
const started = Date.now();
const say = (message) => console.log(`[test:e2e] ${message} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

function makeWorkspace() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'classworks-e2e-ws-'));
  for (const name of ['.classworks.json', 'staff.csv', 'students.csv', 'sis-export-oneroster.csv']) {
    fs.copyFileSync(path.join(repoRoot, 'samples', 'district', name), path.join(dir, name));
  }
  // A file whose heading and School SIS ID cells hold HTML: the panel must show them as text.
  const staff = fs.readFileSync(path.join(dir, 'staff.csv'), 'utf8').split('\r\n');
  const header = staff[0].split(',');
  header.push(XSS);
  const rows = staff.slice(1, 4).map((line) => `${line.replace(/,00123$/, `,"${XSS}"`)},x`);
  fs.writeFileSync(path.join(dir, 'html-cells.csv'), [header.join(','), ...rows, ''].join('\r\n'));
  return dir;
}

let step = 0;
/** Saves the workbench, and the panel alone (`*.panel.png`, for the README). */
async function shot(page, name) {
  step++;
  const file = path.join(artifacts, `${String(step).padStart(2, '0')}-${name}.png`);
  // The pointer rests on the empty middle of the status bar, so that no hover tooltip of the last click shows.
  const viewport = page.viewportSize();
  if (viewport) await page.mouse.move(viewport.width / 2, viewport.height - 5);
  await page.screenshot({ path: file });
  const box = await page.locator('iframe.webview.ready').boundingBox();
  if (box) await page.screenshot({ path: file.replace(/\.png$/, '.panel.png'), clip: box });
  say(`screenshot ${path.relative(repoRoot, file)}`);
}

async function main() {
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  const workspace = makeWorkspace();
  const { page, close, userDataDir } = await openWorkbench({ workspace, log: say });
  // The sandbox district's process id, from its data directory in the extension's global storage.
  const sandboxPid = () => {
    const file = path.join(userDataDir, 'User', 'globalStorage', 'classworks-enrollment.classworks-enrollment-tools', 'sandbox', 'data', 'service.pid');
    return fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8').trim()) : undefined;
  };
  const alive = (pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  try {
    // More room for the editor and the panel side by side.
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
    await openFile(page, 'staff.csv');
    // The language server has checked it: the status bar shows its counts.
    await page.locator('.statusbar-item', { hasText: /2\s*.*1/ }).filter({ has: page.locator('.codicon-error') }).first().waitFor({ timeout: STEP_TIMEOUT });
    say('staff.csv is open and checked');

    await runCommand(page, 'Classworks: Open Import Panel');
    const panel = webviewFrame(page);
    await panel.getByRole('heading', { name: '1. Upload' }).waitFor({ timeout: STEP_TIMEOUT });
    say('the panel is open');

    // Upload: the sandbox district, a description.
    await panel.getByRole('button', { name: 'Start local sandbox district' }).click();
    await panel.getByText('Connected to').first().waitFor({ timeout: STEP_TIMEOUT });
    const description = panel.locator('vscode-textfield#import-description input');
    await description.fill('First Street staff file');
    // The step list ticks no step the user has not visited yet (Map Fields, School Mapping).
    await assertTicked(panel, ['Upload']);
    await shot(page, 'upload');

    // Map Fields: every column matched automatically.
    await next(panel, '2. Map Fields');
    await panel.getByRole('table', { name: 'Column mapping' }).waitFor();
    assert.equal(await panel.locator('.required-fields li.missing').count(), 0, 'every required field is mapped');
    assert.ok(await panel.getByText('hidden (may hold passwords)').isVisible(), 'the Password column shows no values');
    // At the side-by-side width every "Classworks field" dropdown is in view, without scrolling sideways.
    await assertFits(panel, panel.getByRole('table', { name: 'Column mapping' }).locator('vscode-single-select'), 'the Classworks field dropdowns');
    await shot(page, 'map-fields');

    // School Mapping: every value is one of the district's schools.
    await next(panel, '3. School Mapping');
    await panel.getByText("Every value leads to one of Sandbox District's schools.").waitFor();
    await shot(page, 'school-mapping');

    // Validate: 2 errors, 1 warning. Fix all safe problems ("Teacher" -> 1), then the suggestion for "Jaime Jr.".
    await next(panel, '4. Validate');
    await waitForCount(panel, 'errors', '2');
    await panel.getByRole('button', { name: 'Fix all safe problems' }).click();
    await waitForCount(panel, 'errors', '1');
    await panel.getByRole('button', { name: /Remove punctuation: Last Name "Jaime Jr\." → "Jaime Jr"/ }).click();
    await waitForCount(panel, 'errors', '0');
    const accept = panel.locator('vscode-checkbox', { hasText: 'Accept the 1 warning' });
    await accept.focus();
    await accept.press(' ');
    await panel.locator('vscode-checkbox[checked]', { hasText: 'Accept the 1 warning' }).waitFor();
    // Only the unsaved fixes stand in the way now: the step says so, with a Save button beside Next.
    const footer = panel.locator('.step-footer');
    await footer.getByText('Save staff.csv to go on: the import reads the file as saved on disk').waitFor();
    assert.ok(await footer.locator('vscode-button', { hasText: 'Next' }).evaluate((b) => b.hasAttribute('disabled')), 'Next waits for the save');
    await footer.getByRole('button', { name: 'Save staff.csv' }).click();
    await footer.getByRole('button', { name: 'Save staff.csv' }).waitFor({ state: 'detached' });
    await footer.locator('#next-blocked').waitFor({ state: 'detached' });
    await shot(page, 'validate');

    // Additional Actions: e-mail the staff, preview.
    await next(panel, '5. Additional Actions');
    await panel.locator('vscode-checkbox', { hasText: 'E-mail staff users their login information' }).click();
    await panel.getByRole('button', { name: 'Preview', exact: true }).click();
    await panel.locator('[data-preview="create"]').filter({ hasText: '23' }).waitFor({ timeout: STEP_TIMEOUT });
    await toastsGone(page);
    await shot(page, 'additional-actions-preview');

    // Review & Submit.
    await next(panel, '6. Review & Submit');
    await shot(page, 'review');
    await panel.getByRole('button', { name: 'Submit import' }).click();
    await panel.locator('[data-import-number]').filter({ hasText: '00001' }).waitFor({ timeout: STEP_TIMEOUT });
    say('submitted: import 00001');

    // Import History: the import Completed, with its counts; its details open.
    await panel.getByRole('button', { name: 'Show in the history' }).click();
    await panel.getByRole('heading', { name: 'Import History' }).waitFor();
    const row = panel.locator('tr[data-import="00001"]');
    await row.locator('[data-status="Completed"]').waitFor({ timeout: STEP_TIMEOUT });
    assert.equal((await row.locator('td.num').first().textContent())?.trim(), '23', 'history: 23 created');
    await panel.getByRole('heading', { name: /Import 00001/ }).waitFor({ timeout: STEP_TIMEOUT });
    // VS Code said so too: "import 00001 (staff.csv) Completed".
    await page.locator('.notification-toast', { hasText: 'import 00001 (staff.csv) Completed' }).waitFor({ timeout: STEP_TIMEOUT });
    await runCommand(page, 'Notifications: Clear All Notifications');
    await toastsGone(page);
    await shot(page, 'history');

    // A second import of the same file, where one name differs from Classworks now: the
    // preview shows the conflict ("Danna" in the file, "Dana" in Classworks).
    await page.keyboard.press('Control+1');
    await page.keyboard.press('Control+H');
    const find = page.locator('.find-widget textarea[aria-label="Find"], .find-widget input[aria-label="Find"]').first();
    await find.waitFor({ state: 'visible' });
    await find.fill('Dana,Mills');
    const replace = page.locator('.find-widget textarea[aria-label="Replace"], .find-widget input[aria-label="Replace"]').first();
    await replace.fill('Danna,Mills');
    await replace.press('Control+Alt+Enter');
    await page.locator('.view-lines', { hasText: 'Danna,Mills' }).first().waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+S');
    await page.locator('.tabs-container .tab.dirty').first().waitFor({ state: 'detached' });
    await runCommand(page, 'Classworks: Open Import Panel');
    await panel.getByRole('button', { name: 'Additional Actions' }).click();
    await panel.getByRole('heading', { name: '5. Additional Actions' }).waitFor();
    await panel.locator('vscode-radio', { hasText: 'Imported record wins' }).click();
    await panel.getByRole('button', { name: 'Preview', exact: true }).click(); // the last preview was used up by import 00001
    await panel.locator('[data-preview="conflict"]').filter({ hasText: /^1$/ }).waitFor({ timeout: STEP_TIMEOUT });
    await panel.locator('[data-preview="unchanged"]').filter({ hasText: /^22$/ }).waitFor();
    await toastsGone(page);
    const conflicts = panel.locator('vscode-collapsible[title^="In conflict"]');
    await conflicts.click();
    await panel.getByText(/District ID 14003 · First Name: file “?Danna/).first().waitFor();
    await panel.locator('[data-preview="conflict"]').scrollIntoViewIfNeeded();
    await shot(page, 'preview-conflicts');

    // "Classworks: Submit Import" from the palette: everything is ready, so one confirmation, then the import.
    await page.keyboard.press('Control+1');
    await runCommand(page, 'Classworks: Submit Import');
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'Submit staff.csv to Sandbox District?' });
    await dialog.waitFor({ timeout: STEP_TIMEOUT });
    await dialog.getByRole('button', { name: 'Submit', exact: true }).click();
    await panel.locator('[data-import-number]').filter({ hasText: '00002' }).waitFor({ timeout: STEP_TIMEOUT });
    await page.locator('.notification-toast', { hasText: 'import 00002 (staff.csv) Completed' }).waitFor({ timeout: STEP_TIMEOUT });
    await runCommand(page, 'Notifications: Clear All Notifications');
    say('Submit Import: import 00002 after one confirmation');

    // School Mapping with values that match no school: students.csv has "123" (lost zeros) and "00310".
    await page.keyboard.press('Control+1');
    await openFile(page, 'students.csv');
    await runCommand(page, 'Classworks: Open Import Panel');
    await panel.getByText('students.csv').first().waitFor({ timeout: STEP_TIMEOUT });
    await next(panel, '2. Map Fields');
    await next(panel, '3. School Mapping');
    await panel.getByText('2 users').first().waitFor();
    await panel.getByText('Did you mean Lincoln Elementary (00123)?').waitFor();
    // Visited, but two values lead nowhere: School Mapping is not ticked. The Result column and
    // its "Use suggestion" buttons are in view at this width.
    await assertTicked(panel, ['Upload', 'Map Fields']);
    await assertFits(panel, panel.getByRole('table', { name: 'School mapping' }).locator('vscode-button', { hasText: 'Use suggestion' }), 'the "Use suggestion" buttons');
    await assertFits(panel, panel.getByRole('table', { name: 'School mapping' }).locator('vscode-single-select'), 'the school dropdowns');
    await assertGoToBesideValue(panel);
    await shot(page, 'school-mapping-suggestions');
    await panel.getByRole('button', { name: 'Use the 2 suggestions' }).click();
    await panel.getByText("Every value leads to one of Sandbox District's schools.").waitFor({ timeout: STEP_TIMEOUT });
    await assertTicked(panel, ['Upload', 'Map Fields', 'School Mapping']);
    const mapping = JSON.parse(fs.readFileSync(path.join(workspace, '.classworks.json'), 'utf8')).schoolMapping;
    assert.deepEqual(mapping, { '123': '00123', '00310': '00231' }, 'the school mapping is saved in .classworks.json');

    // Map Fields by hand: the OneRoster export names School SIS ID "orgId".
    await page.keyboard.press('Control+1');
    await openFile(page, 'sis-export-oneroster.csv');
    await runCommand(page, 'Classworks: Open Import Panel');
    await panel.getByText('sis-export-oneroster.csv').first().waitFor({ timeout: STEP_TIMEOUT });
    await next(panel, '2. Map Fields');
    await panel.locator('.required-fields li.missing', { hasText: 'School SIS ID' }).waitFor();
    await chooseOption(panel.getByRole('row').filter({ hasText: 'orgId' }).locator('vscode-single-select'), 'School SIS ID *');
    await panel.locator('.required-fields li.mapped', { hasText: 'School SIS ID' }).waitFor({ timeout: STEP_TIMEOUT });
    await panel.getByRole('row').filter({ hasText: 'orgId' }).getByText('saved mapping').waitFor();
    const config = JSON.parse(fs.readFileSync(path.join(workspace, '.classworks.json'), 'utf8'));
    assert.equal(config.columns.orgId, 'School SIS ID', 'the mapping is saved in .classworks.json');
    await panel.getByText('not mapped: Birthdate').first().waitFor();
    await toastsGone(page);
    await shot(page, 'map-fields-by-hand');

    // HTML in CSV cells is shown as text, never run.
    await page.keyboard.press('Control+1');
    await openFile(page, 'html-cells.csv');
    await runCommand(page, 'Classworks: Open Import Panel');
    await panel.getByRole('heading', { name: '1. Upload' }).waitFor({ timeout: STEP_TIMEOUT });
    await panel.getByText('html-cells.csv').first().waitFor();
    assert.equal(await description.inputValue(), '', 'another file starts with its own description');
    await description.fill('Cells with markup');
    await next(panel, '2. Map Fields');
    await panel.getByText(XSS, { exact: true }).first().waitFor();
    assert.equal(await panel.locator('img').count(), 0, 'no <img> element was made from a cell');
    await next(panel, '3. School Mapping');
    await panel.getByText(XSS, { exact: true }).first().waitFor();
    assert.equal(await panel.locator('img').count(), 0, 'no <img> element was made from a cell');
    await shot(page, 'html-shown-as-text');
    assert.deepEqual(dialogs, [], 'no dialog (alert) was opened');

    // A reload of VS Code brings the panel back (webview serializer) at the same file and step.
    const before = sandboxPid();
    assert.ok(before && alive(before), 'the sandbox district runs');
    // "Developer: Reload Window" (VS Code saves its state, then the page reloads).
    const reloaded = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame(), timeout: STEP_TIMEOUT });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await page.locator('.monaco-workbench').waitFor({ timeout: STEP_TIMEOUT });
    await panel.getByRole('heading', { name: '3. School Mapping' }).waitFor({ timeout: STEP_TIMEOUT });
    await panel.getByText('html-cells.csv').first().waitFor({ timeout: STEP_TIMEOUT });
    // The sandbox district stopped with the extension and is started again for the panel.
    await panel.getByText("Every value leads to one of Sandbox District's schools.").or(panel.getByText('will join the district without a school')).first().waitFor({ timeout: STEP_TIMEOUT });
    say('the panel came back after a reload, at the same file and step');
    await panel.getByRole('button', { name: 'Upload' }).click();
    await panel.getByRole('heading', { name: '1. Upload' }).waitFor();
    assert.equal(await description.inputValue(), 'Cells with markup', 'the description came back too');
    const after = sandboxPid();
    assert.ok(after && alive(after), 'the sandbox district runs again');
    assert.ok(after === before || !alive(before), `the sandbox of the previous extension host (process ${before}) stopped with it`);
    say('passed');
  } catch (error) {
    await page.screenshot({ path: path.join(artifacts, 'failure.png') }).catch(() => {});
    throw error;
  } finally {
    await close();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

/** The step list ticks (marks "(complete)") exactly these steps. */
async function assertTicked(panel, titles) {
  const links = panel.locator('nav.steps .step-link');
  await links.first().waitFor();
  const ticked = [];
  for (const link of await links.all()) {
    if ((await link.getAttribute('class'))?.split(/\s+/).includes('done')) ticked.push((await link.locator('.step-title').textContent())?.trim());
  }
  assert.deepEqual(ticked, titles, 'the steps ticked as complete');
}

/** Each element lies inside the step's area horizontally, and no table needs a sideways scroll. */
async function assertFits(panel, elements, what) {
  const count = await elements.count();
  assert.ok(count > 0, `${what}: none found`);
  const area = await panel.locator('main.step').boundingBox();
  for (let i = 0; i < count; i++) {
    const box = await elements.nth(i).boundingBox();
    assert.ok(box && area && box.width > 0 && box.x >= area.x - 1 && box.x + box.width <= area.x + area.width + 1, `${what} ${i + 1} is cut off: ${JSON.stringify(box)} outside ${JSON.stringify(area)}`);
  }
  const overflowing = await panel.locator('.table-scroll').evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).length);
  assert.equal(overflowing, 0, `${what}: a table scrolls sideways`);
}

/**
 * Each School Mapping row shows one "go to the first row" button, and it sits on the line of the
 * value it is about: in the narrow card layout it used to be a lone, unlabelled icon on a line of
 * its own under "Use suggestion".
 */
async function assertGoToBesideValue(panel) {
  const rows = await panel.getByRole('table', { name: 'School mapping' }).locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const shown = (el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 ? r : null;
      };
      const value = shown(tr.querySelector('td[data-label="Value in the file"]'));
      const buttons = [...tr.querySelectorAll('vscode-toolbar-button[icon="go-to-file"]')].map(shown).filter(Boolean);
      return { text: tr.querySelector('.cell-text')?.textContent, value: value && { top: value.top, bottom: value.bottom, right: value.right }, buttons: buttons.map((b) => ({ top: b.top, bottom: b.bottom, left: b.left })) };
    }),
  );
  assert.ok(rows.length > 0, 'School Mapping rows');
  for (const row of rows) {
    assert.equal(row.buttons.length, 1, `value ${row.text}: one go-to-row button in view: ${JSON.stringify(row)}`);
    const [button] = row.buttons;
    const middle = (button.top + button.bottom) / 2;
    assert.ok(row.value && middle >= row.value.top - 2 && middle <= row.value.bottom + 2, `value ${row.text}: the go-to-row button is on the value's line, not a stray icon below: ${JSON.stringify(row)}`);
  }
}

/** Next, from the keyboard: focus the button, press Enter; the new step's heading takes the focus. */
async function next(panel, heading) {
  const button = panel.locator('.step-footer vscode-button', { hasText: 'Next' });
  const title = panel.getByRole('heading', { name: heading });
  // VS Code may still be moving the focus into a webview it has just revealed: try again then.
  for (let attempt = 1; ; attempt++) {
    await button.focus();
    await button.press('Enter');
    try {
      await title.waitFor({ timeout: attempt < 3 ? 5000 : STEP_TIMEOUT });
      break;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
  assert.equal(await title.evaluate((el) => el === document.activeElement), true, `the focus moved to "${heading}"`);
}

/**
 * Picks an option of a vscode-single-select from the keyboard, as a keyboard user does:
 * focus it, Space opens the list, arrows move, Enter chooses.
 */
async function chooseOption(select, label) {
  const labels = (await select.locator('vscode-option').allTextContents()).map((l) => l.trim());
  const target = labels.indexOf(label);
  assert.ok(target >= 0, `the select offers "${label}" (it offers: ${labels.join(' | ')})`);
  const current = await select.evaluate((el) => el.selectedIndex);
  await select.focus();
  await select.press(' ');
  const key = target > current ? 'ArrowDown' : 'ArrowUp';
  for (let i = 0; i < Math.abs(target - current); i++) await select.press(key);
  await select.press('Enter');
  assert.equal(await select.evaluate((el) => el.selectedIndex), target, `"${label}" is chosen`);
}

/** Waits until no notification toast covers the panel. */
async function toastsGone(page) {
  await page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'detached', timeout: STEP_TIMEOUT });
}

function waitForCount(panel, kind, value) {
  return panel.locator(`[data-count="${kind}"]`).filter({ hasText: new RegExp(`^${value}$`) }).waitFor({ timeout: STEP_TIMEOUT });
}

// The closing line in mocha's words, so that CI's summary (.ci/run) counts this test too.
main().then(
  () => {
    console.log(`  1 passing (e2e: the import panel, ${step} screenshots in ${path.relative(repoRoot, artifacts)})`);
    process.exit(0);
  },
  (error) => {
    console.error(`[test:e2e] FAILED: ${error instanceof Error ? error.stack : error}`);
    console.log('  1 failing (e2e: the import panel; see test-artifacts/panel/failure.png)');
    process.exit(1);
  },
);
