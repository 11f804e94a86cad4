/// <reference types="mocha" />
// The extension's default keybindings against VS Code's own (the "Default Keyboard Shortcuts" file of this very
// VS Code): none may take a key that a built-in binding uses while an article editor has focus, nor the first
// key of a built-in chord. Ctrl+Z / Ctrl+Shift+Z are the exception, on purpose: they undo an annotation action
// only while one is the most recent change (a context key), and fall through to text undo otherwise.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

interface Binding {
  key: string;
  command: string;
  when?: string;
}

const EXTENSION_ID = 'conflict-annotator.conflict-annotator';
/** Keys we take over from VS Code on purpose, under a `when` that is false unless an annotation change is the latest. */
const DELIBERATE = new Set(['ctrl+z', 'ctrl+shift+z', 'ctrl+y']);

/** An article editor with focus and no widget open: what a default binding's `when` is evaluated against. */
const CONTEXT: Record<string, string | boolean> = {
  editorTextFocus: true, editorFocus: true, textInputFocus: true, editorIsOpen: true, isLinux: true, isWeb: true,
  editorLangId: 'conflict-text', resourceLangId: 'conflict-text', resourceExtname: '.txt', editorHasSelection: false,
  activeEditor: 'workbench.editors.files.textFileEditor', focusedView: '', isWindows: false, isMac: false,
};

/** Evaluates a `when` clause under CONTEXT: `a && !b || c == x`, `!=`, `=~`; unknown keys are false. */
function holds(when: string | undefined): boolean {
  if (!when) return true;
  return when.split('||').some((alt) =>
    alt.split('&&').every((raw) => {
      const atom = raw.replace(/[()]/g, '').trim();
      if (!atom) return true;
      let m = /^(\S+)\s*(==|!=|=~|<=|>=|<|>)\s*(.+)$/.exec(atom);
      if (m) {
        const value = String(CONTEXT[m[1]] ?? '');
        const other = m[3].trim().replace(/^'(.*)'$/, '$1');
        if (m[2] === '==') return value === other;
        if (m[2] === '!=') return value !== other;
        if (m[2] === '=~') {
          m = /^\/(.*)\/(\w*)$/.exec(other);
          return m ? new RegExp(m[1], m[2]).test(value) : false;
        }
        return false;
      }
      if (atom.startsWith('!')) return !CONTEXT[atom.slice(1).trim()];
      if (atom === 'true') return true;
      if (atom === 'false') return false;
      return Boolean(CONTEXT[atom]);
    }),
  );
}

const normal = (key: string) =>
  key.toLowerCase().split(' ').map((part) => {
    const bits = part.split('+');
    const k = bits.pop()!;
    const order = ['ctrl', 'shift', 'alt', 'meta'];
    return [...bits.sort((a, b) => order.indexOf(a) - order.indexOf(b)), k].join('+');
  }).join(' ');

suite('Keybindings', () => {
  test('default keybindings take no key VS Code uses in an editor (nor the first key of a chord)', async () => {
    await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'the default keybindings file opened');
    const text = editor.document.getText();
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    if (process.env.KEYBINDINGS_DUMP) fs.writeFileSync(process.env.KEYBINDINGS_DUMP, text);
    // the file is JSON with comments; strip line comments outside strings
    const defaults = JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')) as Binding[];
    assert.ok(defaults.length > 500, `read ${defaults.length} default keybindings`);
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const pkg = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, 'package.json'), 'utf8')) as { contributes: { keybindings: Binding[] } };
    const ours = new Set(pkg.contributes.keybindings.map((b) => b.command));
    const clashes: string[] = [];
    for (const b of pkg.contributes.keybindings) {
      const key = normal(b.key);
      if (DELIBERATE.has(key)) continue;
      for (const d of defaults) {
        if (ours.has(d.command) || d.command.startsWith('-')) continue;
        const dk = normal(d.key);
        if ((dk === key || dk.startsWith(`${key} `)) && holds(d.when)) clashes.push(`${b.key} (${b.command}) vs ${d.key} ${d.command} when ${d.when ?? 'always'}`);
      }
    }
    assert.deepEqual(clashes, []);
  });
});
