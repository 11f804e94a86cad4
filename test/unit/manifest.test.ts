/** package.json contributions checked against the id table the code uses, and the core kept free of vscode. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORY, COMMANDS, CONTEXT_KEYS, INTERNAL_COMMANDS, LANGUAGE_ID, SETTINGS, SETTINGS_SECTION, TOKEN_MODIFIERS, TOKEN_TYPES, VIEWS } from '../../src/vscode/ids';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const c = pkg.contributes;
const commandIds = new Set(Object.values(COMMANDS).map((x) => x.id));

describe('package.json contributions', () => {
  it('declares exactly the commands of the id table, with their titles and category', () => {
    const declared = c.commands.map((x: { command: string; title: string; category: string }) => [x.command, x.title, x.category]);
    expect(declared.sort()).toEqual(Object.values(COMMANDS).map((x) => [x.id, x.title, CATEGORY]).sort());
  });

  it('hides commands that need arguments from the palette; menus and keybindings name real commands', () => {
    const palette = new Map<string, string>(c.menus.commandPalette.map((m: { command: string; when: string }) => [m.command, m.when]));
    for (const key of INTERNAL_COMMANDS) expect(palette.get(COMMANDS[key].id), key).toBe('false');
    for (const items of Object.values(c.menus) as Array<Array<{ command: string }>>) for (const m of items) expect(commandIds.has(m.command as never), m.command).toBe(true);
    for (const k of c.keybindings) expect(commandIds.has(k.command as never), k.command).toBe(true);
  });

  it('`when` clauses name only the context keys of the id table, and the code sets each of them', () => {
    const whens: string[] = [...c.keybindings, ...(Object.values(c.menus) as Array<Array<{ when?: string }>>).flat()].map((x: { when?: string }) => x.when ?? '');
    const known = new Set<string>([...Object.values(CONTEXT_KEYS), ...Object.values(VIEWS)]);
    const used = new Set(whens.flatMap((w) => [...w.matchAll(/\bconflictAnnotator\.[A-Za-z]+/g)].map((m) => m[0])));
    for (const key of used) expect(known.has(key), key).toBe(true);
    const source = readFileSync(join(root, 'src/vscode/reviewStatus.ts'), 'utf8');
    for (const key of Object.keys(CONTEXT_KEYS)) expect(source, key).toContain(`CONTEXT_KEYS.${key}`);
    // Ctrl+Z and Ctrl+Shift+Z are taken over only while an annotation action is the latest change
    for (const k of c.keybindings.filter((x: { key: string }) => /^ctrl\+(shift\+)?z$|^ctrl\+y$/.test(x.key))) {
      expect(k.when, k.key).toMatch(/conflictAnnotator\.can(Undo|Redo)Annotation/);
    }
  });

  it('declares exactly the settings the code reads, each documented with a default', () => {
    const props = c.configuration.properties;
    expect(Object.keys(props).sort()).toEqual(Object.values(SETTINGS).map((s) => `${SETTINGS_SECTION}.${s}`).sort());
    for (const [key, p] of Object.entries(props) as Array<[string, { default: unknown; description?: string; markdownDescription?: string }]>) {
      expect(p.default, key).not.toBeUndefined();
      expect(p.description ?? p.markdownDescription, key).toBeTruthy();
    }
  });

  it('has the language, grammar, semantic token legend with fallbacks, view, schema and walkthrough files', () => {
    expect(c.languages[0].id).toBe(LANGUAGE_ID);
    expect(c.languages[0].extensions).toBeUndefined(); // not every .txt: the extension claims articles itself
    // files under the default article folders open as articles at once (no switch from plain text on open)
    expect(c.languages[0].filenamePatterns).toEqual(c.configuration.properties[`${SETTINGS_SECTION}.${SETTINGS.articleGlobs}`].default);
    const grammar = JSON.parse(readFileSync(join(root, c.grammars[0].path), 'utf8'));
    expect(grammar.scopeName).toBe(c.grammars[0].scopeName);
    expect(c.semanticTokenTypes.map((t: { id: string }) => t.id)).toEqual([...TOKEN_TYPES]);
    for (const t of c.semanticTokenTypes) expect(t.superType, t.id).toBeTruthy();
    expect(c.semanticTokenModifiers.map((t: { id: string }) => t.id)).toEqual([...TOKEN_MODIFIERS]);
    const scopes = c.semanticTokenScopes[0];
    expect(scopes.language).toBe(LANGUAGE_ID);
    for (const t of TOKEN_TYPES) expect(scopes.scopes[t], t).toBeTruthy();
    for (const key of Object.keys(scopes.scopes)) expect(TOKEN_TYPES).toContain(key.split('.')[0]);
    expect(c.views.conflictAnnotator.map((v: { id: string }) => v.id)).toEqual([VIEWS.annotations]);
    expect(existsSync(join(root, c.yamlValidation[0].url))).toBe(true);
    for (const step of c.walkthroughs[0].steps) expect(existsSync(join(root, step.media.markdown)), step.id).toBe(true);
    expect(existsSync(join(root, c.viewsContainers.activitybar[0].icon))).toBe(true);
    expect(pkg.capabilities.untrustedWorkspaces.supported).toBe('limited');
    expect(pkg.activationEvents).toContain(`onLanguage:${LANGUAGE_ID}`);
    // a window on a folder of articles activates at start-up, so the first article does not wait for it
    for (const glob of c.languages[0].filenamePatterns) expect(pkg.activationEvents).toContain(`workspaceContains:${glob}`);
  });

  it('registers a handler for every command, and nothing else (the handler table is typed by the id table)', () => {
    const source = readFileSync(join(root, 'src/vscode/commands/index.ts'), 'utf8');
    expect(source).toMatch(/const handlers: Record<CommandKey, /);
    expect(source).toMatch(/registerCommand\(COMMANDS\[key as CommandKey\]\.id, /);
    const start = source.indexOf('const handlers');
    const table = source.slice(start, source.indexOf('\n  };', start));
    const keys = [...table.matchAll(/\n    (\w+): /g)].map((m) => m[1]);
    expect(keys.sort()).toEqual(Object.keys(COMMANDS).sort());
  });
});

describe('colours of the default themes', () => {
  const hex = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) / 255);
  const luminance = (h: string) => {
    const [r, g, b] = hex(h).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a: string, b: string) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  // editor backgrounds of VS Code's default themes
  const THEMES: Record<string, { background: string; kind: 'light' | 'dark' }> = {
    'Default Light Modern': { background: '#FFFFFF', kind: 'light' },
    'Default Dark Modern': { background: '#1F1F1F', kind: 'dark' },
    'Default Light+': { background: '#FFFFFF', kind: 'light' },
    'Default Dark+': { background: '#1E1E1E', kind: 'dark' },
  };
  const custom = c.configurationDefaults['editor.semanticTokenColorCustomizations'];

  it('every annotation type has its own readable colour; cue and source differ, and the cue is also underlined', () => {
    for (const [theme, { background, kind }] of Object.entries(THEMES)) {
      const rules = custom[`[${theme}]`]?.rules as Record<string, { foreground: string; underline?: boolean }>;
      expect(rules, theme).toBeTruthy();
      const colours = TOKEN_TYPES.map((t) => rules[`${t}:${LANGUAGE_ID}`]?.foreground);
      for (const [i, colour] of colours.entries()) {
        expect(colour, `${theme} ${TOKEN_TYPES[i]}`).toMatch(/^#[0-9A-F]{6}$/i);
        expect(contrast(colour, background), `${theme} ${TOKEN_TYPES[i]} contrast`).toBeGreaterThanOrEqual(4.5);
      }
      expect(new Set(colours).size, theme).toBe(colours.length);
      const distance = (a: string, b: string) => Math.hypot(...hex(a).map((v, i) => v - hex(b)[i]));
      expect(distance(rules[`attributionCue:${LANGUAGE_ID}`].foreground, rules[`attributionSource:${LANGUAGE_ID}`].foreground), theme).toBeGreaterThan(0.3);
      expect(rules[`attributionCue:${LANGUAGE_ID}`].underline, theme).toBe(true);
      // the legend in the Annotations view uses the same colours
      for (const t of TOKEN_TYPES) {
        const legend = c.colors.find((x: { id: string }) => x.id === `conflictAnnotator.${t}Foreground`);
        expect(legend?.defaults[kind], `legend ${t}`).toBe(rules[`${t}:${LANGUAGE_ID}`].foreground);
      }
    }
  });

  it('articles show no boxes around ambiguous characters (curly quotes, dashes are normal in news text)', () => {
    expect(c.configurationDefaults[`[${LANGUAGE_ID}]`]['editor.unicodeHighlight.ambiguousCharacters']).toBe(false);
  });
});

describe('layering', () => {
  const files = (dir: string): string[] => readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

  it('src/core never imports vscode or node:fs (side effects go through ports)', () => {
    for (const f of files('src/core')) {
      const text = readFileSync(join(root, f), 'utf8');
      expect(text, f).not.toMatch(/from ['"]vscode['"]/);
      expect(text, f).not.toMatch(/from ['"](?:node:)?fs(?:\/promises)?['"]/);
    }
  });

  it('the CLI never imports vscode', () => {
    for (const f of files('src/cli')) expect(readFileSync(join(root, f), 'utf8'), f).not.toMatch(/from ['"]vscode['"]/);
  });

  /** Repository-relative targets of a file's relative imports (`import … from`, `import()`, `export … from`). */
  const localImports = (f: string): string[] =>
    [...readFileSync(join(root, f), 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => relative(root, join(root, dirname(f), m[1])).split('\\').join('/'));

  it('src/vscode never imports src/cli (the extension runs the core jobs, not the command line)', () => {
    const vscodeFiles = files('src/vscode');
    expect(vscodeFiles.length).toBeGreaterThan(5);
    for (const f of vscodeFiles) for (const target of localImports(f)) expect(target.startsWith('src/cli/') || target === 'src/cli', `${f} imports ${target}`).toBe(false);
  });
});
