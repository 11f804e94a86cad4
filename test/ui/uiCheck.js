#!/usr/bin/env node
'use strict';
// End-to-end UI check: the packaged extension in a fresh code-server, driven through headless Chromium with the
// KEYBOARD ONLY, the way a reviewer works: open an article, review 20 suggestions with next / accept-and-next /
// reject-and-next, take one decision back with Ctrl+Z, delete a word and undo it, tag an event, export. After
// every step it checks the rendered screen (token classes and computed styles of the spans, event shading, rows
// of the Annotations view, the status bar) without reopening the file, and then the sidecar and the exported
// files on disk. A .txt that is no article must stay plain text. Last, team work (teamSteps.js): the agreement
// report of two branches and a curation step. Screenshots of every step go to test-artifacts/ui/. Exits non-zero
// with a message and failure.png on failure.
// Environment: HARNESS_EXTENSION_PATH (package another extension folder), HARNESS_KEEP_TMP=1, HARNESS_VERBOSE=1,
// UI_CHECK_TIMEOUT_MS (whole-run deadline, default 300000).

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parse } = require(path.join(__dirname, '..', '..', 'node_modules', 'yaml'));
const { REPO_ROOT, installExtension, launchChromium, packageExtension, sleep, startCodeServer } = require('../harness/codeServer');
const { teamSteps, chooseQuickFix } = require('./teamSteps');

const ARTICLE = '000_db39f04dd305928f.txt';
const SIDECAR = '000_db39f04dd305928f.ann.yaml';
const SENTENCE_START = 'The local unit of Al-Qaeda';
// The headline: three suggestions (ISIL, Syria, Qaeda) and plain words between them.
const HEADLINE = 'ISIL strengthened on Syria border after Qaeda unit joins it';
// A line with an attribution whose source is no actor mention: "activists say".
const ATTRIBUTION_LINE = 'Despite the fighting';
// A .txt outside the article globs and without a sidecar: it must stay plain text with no colouring.
const PLAIN_NOTE = path.join('notes', 'reading-list.txt');
const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts', 'ui');
// The workspace is a fresh copy of the sample articles (stored once, in media/samples)
const SAMPLE_ARTICLES = path.join(REPO_ROOT, 'media', 'samples', 'articles');
const VERBOSE = process.env.HARNESS_VERBOSE === '1';
const TIMEOUT_MS = Number(process.env.UI_CHECK_TIMEOUT_MS || 300_000);
const DECISIONS = 20;
// which of the decisions are rejections (the rest are accepted): the newspaper's name, a few others, and the last one
const REJECT = new Set([3, 9, 14, 20]);
// VS Code's default theme since 1.78; the extension colours articles for it (and Dark Modern, Light+, Dark+)
const THEME = 'Default Light Modern';

const ROW = '.quick-input-list .monaco-list-row';
const QUICK_INPUT = '.quick-input-widget .quick-input-box input';
const WORD_SPANS = '.editor-instance .view-lines .view-line span span';
const TREE_ROWS = '.pane-body .monaco-list-row';

const timings = [];
let page;
let shot = 0;

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function screenshot(name) {
  shot += 1;
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const file = path.join(ARTIFACTS, `${String(shot).padStart(2, '0')}-${slug}.png`);
  await page.screenshot({ path: file });
  return file;
}

// UPDATE_WALKTHROUGH=1 also writes the walkthrough's pictures (media/walkthrough/*.jpg) from this run
const WALKTHROUGH = path.join(REPO_ROOT, 'media', 'walkthrough');
async function walkthroughImage(name) {
  if (process.env.UPDATE_WALKTHROUGH !== '1') return;
  await page.screenshot({ path: path.join(WALKTHROUGH, `${name}.jpg`), type: 'jpeg', quality: 80, clip: { x: 0, y: 0, width: 1400, height: 900 } });
}

/** Runs one named step, records its duration and takes a screenshot after it. */
async function step(name, fn) {
  const t0 = Date.now();
  process.stdout.write(`[ui] ${name} ... `);
  try {
    const result = await fn();
    const ms = Date.now() - t0;
    timings.push([name, ms]);
    if (page) await screenshot(name);
    console.log(`ok (${ms} ms)`);
    return result;
  } catch (err) {
    console.log('FAILED');
    err.message = `step "${name}": ${err.message}`;
    throw err;
  }
}

/**
 * Ctrl+. at `at` ({line, col}) until the quick fix menu lists a row containing `hasText` (three tries: under load
 * the code actions can be asked before the extension has the article's state); `what` names it in the error.
 */
async function openQuickFixesWith(at, hasText, what) {
  const rows = page.locator('.action-widget .monaco-list-row');
  const item = rows.filter({ hasText }).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Escape');
    await goTo(at.line, at.col);
    await page.keyboard.press('Control+.');
    try {
      await item.waitFor({ state: 'visible', timeout: 10_000 });
      return;
    } catch {
      if (attempt === 3) throw new Error(`no ${what} quick fix (rows: ${JSON.stringify(await rows.allInnerTexts())})`);
    }
  }
}

/**
 * Ctrl+G to `line` (and `col`), then waits until the status bar shows the cursor there: under load the typed
 * position could reach the input before it listens, and the next command would act at the old cursor.
 */
async function goTo(line, col) {
  const target = col === undefined ? String(line) : `${line}:${col}`;
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('Control+G');
    const input = page.locator(QUICK_INPUT);
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`:${target}`); // Ctrl+G opens the quick input at ":"; without it the text is a file search
    await page.keyboard.press('Enter');
    const deadline = Date.now() + 3_000;
    while (Date.now() < deadline) {
      const at = await selection().catch(() => undefined);
      if (at && at.line === line && (col === undefined || at.column + at.length === col - 1)) return;
      await sleep(50);
    }
    if (attempt === 2) throw new Error(`Ctrl+G ${target} did not move the cursor there (status bar: "${(await selection().catch(() => ({ text: '?' }))).text}")`);
    await page.keyboard.press('Escape');
  }
}

/** Opens the quick input with `keys`, types `text`, and accepts the row whose text contains `rowText`. */
async function quickOpen(keys, text, rowText) {
  await page.keyboard.press(keys);
  const input = page.locator(QUICK_INPUT);
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(text);
  await page.locator(ROW, { hasText: rowText }).first().waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.press('Enter');
}

/** Waits until the quick pick shows a row starting with `label`, types it to filter, and takes it with Enter. */
async function pickByKeyboard(label, { timeout = 15_000 } = {}) {
  const row = page.locator(ROW).filter({ hasText: new RegExp(`^\\s*${escapeRegExp(label)}`) }).first();
  // waiting for the row first makes sure we type into the new quick pick, not the previous one
  await row.waitFor({ state: 'visible', timeout });
  await page.locator(QUICK_INPUT).fill(label);
  await page.locator(`${ROW}.focused`).filter({ hasText: new RegExp(`^\\s*${escapeRegExp(label)}`) }).first().waitFor({ state: 'visible', timeout: 5_000 });
  const text = (await page.locator(`${ROW}.focused`).first().innerText()).replace(/\s+/g, ' ').trim();
  await page.keyboard.press('Enter');
  return text;
}

/** All rows of the current quick pick, as shown. */
async function quickPickRows() {
  return (await page.locator(ROW).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/**
 * How the editor renders the text at 1-based `line`, 0-based UTF-16 column `column`: the class and computed style
 * of the Monaco token span there. The line is found by its line number in the gutter. Null when not rendered.
 */
function renderedAt(line, column) {
  return page.evaluate(([line, column]) => {
    const editor = document.querySelector('.editor-instance');
    if (!editor) return null;
    let top;
    for (const n of editor.querySelectorAll('.margin-view-overlays .line-numbers')) {
      if (n.textContent.trim() === String(line)) top = n.parentElement.style.top;
    }
    if (top === undefined) return null;
    const view = [...editor.querySelectorAll('.view-lines .view-line')].find((l) => l.style.top === top);
    if (!view) return null;
    let seen = 0;
    for (const span of view.querySelectorAll(':scope > span > span')) {
      const length = span.textContent.length;
      if (column < seen + length) {
        const cs = getComputedStyle(span);
        return { text: span.textContent.replace(/\u00a0/g, ' '), className: span.className, color: cs.color, fontStyle: cs.fontStyle, fontWeight: cs.fontWeight, decoration: cs.textDecorationLine };
      }
      seen += length;
    }
    return null;
  }, [line, column]);
}

/** renderedAt for the first occurrence of `word` in the line that starts with `lineStart`. */
function renderedStyle(lineStart, word) {
  return page.evaluate(([lineStart, word]) => {
    for (const line of document.querySelectorAll('.editor-instance .view-lines .view-line')) {
      const text = line.textContent.replace(/\u00a0/g, ' ');
      if (!text.startsWith(lineStart)) continue;
      const at = text.indexOf(word);
      if (at < 0) return { line: text, missing: word };
      let seen = 0;
      for (const span of line.querySelectorAll(':scope > span > span')) {
        const length = span.textContent.length;
        if (at < seen + length) {
          const cs = getComputedStyle(span);
          return { text: span.textContent.replace(/\u00a0/g, ' '), className: span.className, color: cs.color, fontStyle: cs.fontStyle, fontWeight: cs.fontWeight, decoration: cs.textDecorationLine };
        }
        seen += length;
      }
    }
    return null;
  }, [lineStart, word]);
}

const describe = (st) => (st ? (st.missing ? `"${st.missing}" not in the line` : `"${st.text}" ${st.className} ${st.color} ${st.fontStyle} ${st.fontWeight}${st.decoration && st.decoration !== 'none' ? ` ${st.decoration}` : ''}`) : 'not rendered');
const isBold = (st) => Number(st.fontWeight) >= 600;
const isSuggestion = (st) => st.fontStyle === 'italic' && !isBold(st);
const isAccepted = (st) => isBold(st) && st.fontStyle !== 'italic';
const isPlain = (st) => st.fontStyle !== 'italic' && !isBold(st);

/** Polls `probe` until `ok` holds for what it returns: the screen repainted without the file being reopened. */
async function waitForProbe(probe, ok, what, ms = 10_000) {
  const deadline = Date.now() + ms;
  let st = null;
  while (Date.now() < deadline) {
    st = await probe();
    if (st && !st.missing && ok(st)) return st;
    await sleep(100);
  }
  throw new Error(`${what} after ${ms} ms (rendered: ${describe(st)})`);
}

/**
 * The event shades drawn on 1-based `line` (the extension's decorations in Monaco's view overlays): `dashed` for a
 * suggested event (a faint shade with a dashed outline), solid for an accepted one. Null when the line is not rendered.
 */
function shadesOnLine(line) {
  return page.evaluate((line) => {
    const editor = document.querySelector('.editor-instance');
    if (!editor) return null;
    let top;
    for (const n of editor.querySelectorAll('.margin-view-overlays .line-numbers')) {
      if (n.textContent.trim() === String(line)) top = n.parentElement.style.top;
    }
    if (top === undefined) return null;
    const row = [...editor.querySelectorAll('.view-overlays > div')].find((d) => d.style.top === top);
    if (!row) return [];
    return [...row.querySelectorAll('div')]
      .filter((d) => /TextEditorDecorationType/.test(d.className))
      .map((d) => ({ background: getComputedStyle(d).backgroundColor, dashed: getComputedStyle(d).borderTopStyle === 'dashed' }))
      .filter((d) => /^rgba\(\d+, \d+, \d+, 0\.\d+\)$/.test(d.background));
  }, line);
}
const countShades = (shades, dashed) => (shades ?? []).filter((x) => x.dashed === dashed).length;
const alphaOf = (background) => Number(/rgba\(\d+, \d+, \d+, ([\d.]+)\)/.exec(background)?.[1] ?? NaN);

/** Every event shade drawn in the editor now (all rendered lines). */
function allShades() {
  return page.evaluate(() => [...document.querySelectorAll('.editor-instance .view-overlays > div > div')]
    .filter((d) => /TextEditorDecorationType/.test(d.className))
    .map((d) => ({ background: getComputedStyle(d).backgroundColor, dashed: getComputedStyle(d).borderTopStyle === 'dashed' }))
    .filter((d) => /^rgba\(\d+, \d+, \d+, 0\.\d+\)$/.test(d.background)));
}

/** A screenshot of the editor around 1-based `line` (what a person looks at to compare shades). */
async function lineShot(name, line) {
  const box = await page.evaluate((line) => {
    const editor = document.querySelector('.editor-instance');
    for (const n of editor?.querySelectorAll('.margin-view-overlays .line-numbers') ?? []) {
      if (n.textContent.trim() !== String(line)) continue;
      const b = n.getBoundingClientRect();
      const e = editor.getBoundingClientRect();
      return { x: e.left, y: Math.max(0, b.top - 40), width: e.width, height: 200 };
    }
    return null;
  }, line);
  shot += 1;
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  await page.screenshot({ path: path.join(ARTIFACTS, `${String(shot).padStart(2, '0')}-${slug}.png`), ...(box ? { clip: box } : {}) });
}

/** The review item of the status bar ("Review 12/240 · …"). */
async function reviewStatus() {
  const item = page.locator('.statusbar-item', { hasText: /Review \d+\/\d+/ }).first();
  return (await item.count()) ? (await item.innerText()).replace(/\s+/g, ' ').trim() : '';
}

async function waitForStatus(pattern, ms = 10_000) {
  const deadline = Date.now() + ms;
  let text = '';
  while (Date.now() < deadline) {
    text = await reviewStatus();
    if (pattern.test(text)) return text;
    await sleep(50);
  }
  throw new Error(`the status bar does not show ${pattern} after ${ms} ms (it shows "${text}")`);
}

/** The editor's selection from the status bar: "Ln 5, Col 9 (4 selected)" (the cursor is at the end). */
async function selection() {
  const text = (await page.locator('[id="status.editor.selection"]').innerText()).trim();
  const m = /Ln (\d+), Col (\d+)(?: \((\d+) selected\))?/.exec(text);
  if (!m) throw new Error(`cannot read the selection from the status bar: "${text}"`);
  const length = Number(m[3] ?? 0);
  return { line: Number(m[1]), column: Number(m[2]) - 1 - length, length, text };
}

/** Rows of the Annotations view, as shown (label and description). */
async function treeRows() {
  return page.locator(TREE_ROWS).evaluateAll((rows) => rows.map((r) => {
    const part = (sel) => (r.querySelector(sel)?.textContent ?? '').replace(/\s+/g, ' ').trim();
    return [part('.label-name'), part('.label-description')].filter(Boolean).join(' ');
  }));
}

async function waitForTreeRow(pattern, ms = 10_000) {
  const deadline = Date.now() + ms;
  let rows = [];
  while (Date.now() < deadline) {
    rows = await treeRows();
    const row = rows.find((r) => pattern.test(r));
    if (row) return row;
    await sleep(100);
  }
  throw new Error(`no row matching ${pattern} in the Annotations view after ${ms} ms (rows: ${JSON.stringify(rows.slice(0, 20))})`);
}

async function waitForFile(file, ok, what, ms = 20_000) {
  const deadline = Date.now() + ms;
  let last = '';
  while (Date.now() < deadline) {
    try {
      last = fs.readFileSync(file, 'utf8');
      if (ok(last)) return last;
    } catch {
      // not written yet
    }
    await sleep(200);
  }
  throw new Error(`${path.basename(file)}: ${what} after ${ms} ms` + (last ? `; it holds:\n${last.slice(0, 1500)}` : '; the file was never written'));
}

/** Code point offset of a 0-based UTF-16 column on a 1-based line of `text`. */
function offsetOf(lines, line, column) {
  let u16 = 0;
  for (let i = 0; i < line - 1; i++) u16 += lines[i].length + 1;
  return Array.from(lines.join('\n').slice(0, u16 + column)).length;
}

async function main() {
  const started = Date.now();
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const extensionPath = path.resolve(process.env.HARNESS_EXTENSION_PATH || REPO_ROOT);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-ui-'));
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(SAMPLE_ARTICLES, path.join(workspace, 'articles'), { recursive: true });
  fs.mkdirSync(path.join(workspace, path.dirname(PLAIN_NOTE)), { recursive: true });
  fs.writeFileSync(path.join(workspace, PLAIN_NOTE), 'Reading list: ISIL in Syria, Al-Qaeda in Iraq.\n');
  const articlePath = path.join(workspace, 'articles', ARTICLE);
  const sidecarPath = path.join(workspace, 'articles', SIDECAR);
  const articleText = fs.readFileSync(articlePath, 'utf8');
  const articleLines = articleText.split('\n');
  const sentenceLine = articleLines.findIndex((l) => l.startsWith(SENTENCE_START)) + 1;
  const headlineLine = articleLines.findIndex((l) => l.startsWith(HEADLINE)) + 1;
  if (sentenceLine === 0 || headlineLine === 0) throw new Error(`fixture ${ARTICLE} lacks the headline or the line starting "${SENTENCE_START}"`);

  let server;
  let browser;
  const watchdog = setTimeout(() => {
    console.error(`[ui] TIMEOUT: the UI check did not finish within ${TIMEOUT_MS} ms (UI_CHECK_TIMEOUT_MS)`);
    Promise.resolve(page && screenshot('failure').catch(() => {}))
      .then(() => browser && browser.close().catch(() => {}))
      .then(() => server && server.stop())
      .finally(() => process.exit(124));
  }, TIMEOUT_MS);

  try {
    const vsix = path.join(tmp, 'conflict-annotator.vsix');
    await step('package', async () => packageExtension(extensionPath, vsix));
    await step('install', async () => installExtension({ vsix, userDataDir, extensionsDir, tmp }));
    // no wrapping, so Shift+End selects to the end of the source line (one sentence in the fixture), and VS Code's
    // default theme rather than the harness's pinned Light+
    const settings = { 'editor.wordWrap': 'off', '[conflict-text]': { 'editor.wordWrap': 'off' }, 'workbench.colorTheme': THEME };
    server = await step('start code-server', () => startCodeServer({ userDataDir, extensionsDir, tmp, verbose: VERBOSE, settings }));
    browser = await step('launch chromium', () => launchChromium(tmp));
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    if (VERBOSE) page.on('console', (m) => m.type() === 'error' && console.error(`[browser] ${m.text()}`));

    await step('workbench', async () => {
      await page.goto(`http://${server.authority}/?folder=${encodeURIComponent(workspace)}`);
      await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
      // The explorer listing proves the remote connection and file system are up.
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'articles' }).first()
        .waitFor({ state: 'visible', timeout: 60_000 });
    });

    await step('open article (Ctrl+P)', async () => {
      await quickOpen('Control+P', ARTICLE, ARTICLE);
      await page.locator('.tabs-container .tab.active', { hasText: ARTICLE }).waitFor({ timeout: 15_000 });
      await page.locator('.editor-instance .view-lines', { hasText: 'ISIL strengthened' }).waitFor({ timeout: 15_000 });
    });

    const plain = await step('suggestions rendered as coloured italics', async () => {
      // Without a grammar every span is mtk1; a separate, differently coloured ISIL span means semantic tokens arrived.
      await page.waitForFunction((selector) => {
        for (const s of document.querySelectorAll(selector)) {
          const m = /\bmtk(\d+)\b/.exec(s.className);
          if (m && Number(m[1]) > 1 && s.textContent.replace(/\u00a0/g, ' ').trim() === 'ISIL') return true;
        }
        return false;
      }, WORD_SPANS, { timeout: 30_000 });
      const word = await renderedStyle(HEADLINE, 'strengthened');
      if (!word || word.missing) throw new Error(`headline not rendered: ${describe(word)}`);
      for (const name of ['ISIL', 'Syria', 'Qaeda']) {
        const st = await renderedStyle(HEADLINE, name);
        if (!st || st.missing || st.color === word.color || !isSuggestion(st)) throw new Error(`"${name}" is not rendered as a suggestion (coloured italic): ${describe(st)}; plain text is ${describe(word)}`);
        console.log(`[ui]   ${name}: ${describe(st)}`);
      }
      // ambiguous characters (curly quotes, dashes) get no boxes in articles
      const boxes = await page.locator('.editor-instance .unicode-highlight').count();
      if (boxes > 0) throw new Error(`${boxes} ambiguous-character boxes are drawn in the article`);
      return word;
    });

    await step('cue and source in distinct styles', async () => {
      const line = articleLines.find((l) => l.startsWith(ATTRIBUTION_LINE));
      const lineNo = articleLines.indexOf(line) + 1;
      const cue = await waitForProbe(() => renderedAt(lineNo, line.indexOf(' say ') + 1), (st) => st.text.trim() === 'say', '"say" is not a token of its own');
      const source = await renderedAt(lineNo, line.indexOf('activists'));
      if (!source || cue.color === source.color || cue.color === plain.color || source.color === plain.color) throw new Error(`cue ${describe(cue)} and source ${describe(source)} are not told apart (plain ${plain.color})`);
      if (!/underline/.test(cue.decoration)) throw new Error(`the cue is not underlined: ${describe(cue)}`);
      console.log(`[ui]   cue ${describe(cue)}; source ${describe(source)}`);
    });

    const total = await step('Annotations view and status bar show review progress', async () => {
      const status = await waitForStatus(/Review 0\/\d+/, 20_000);
      await quickOpen('Control+Shift+P', '>Conflict Annotator: Focus on Annotations View', 'Focus on Annotations View');
      const row = await waitForTreeRow(new RegExp(`${escapeRegExp(ARTICLE)}.*Review 0/\\d+`), 20_000);
      await waitForTreeRow(/^Colour legend/);
      await waitForTreeRow(/^Actors \d+/);
      await page.keyboard.press('Control+1'); // back to the editor
      console.log(`[ui]   status "${status}"; tree "${row}"`);
      return Number(/Review 0\/(\d+)/.exec(status)[1]);
    });
    if (total < DECISIONS + 1) throw new Error(`the article has only ${total} suggestions`);

    await step('first suggestion (Ctrl+Alt+Down)', async () => {
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('Control+Alt+ArrowDown');
      await page.waitForFunction(() => /selected/.test(document.querySelector('[id="status.editor.selection"]')?.textContent ?? ''), null, { timeout: 10_000 });
    });

    const decisions = [];
    let decided = 0; // accepting an event accepts its actors and place too, so it may decide more than one item
    for (let i = 1; i <= DECISIONS; i++) {
      const accept = !REJECT.has(i);
      await step(`decision ${i}: ${accept ? 'accept (Ctrl+Alt+A)' : 'reject (Ctrl+Alt+R)'}`, async () => {
        const at = await selection();
        const word = articleLines[at.line - 1].slice(at.column, at.column + at.length);
        if (!word) throw new Error(`nothing is selected before decision ${i} (${at.text})`);
        const before = await renderedAt(at.line, at.column);
        // review order takes event suggestions too: a stretch shaded faint with a dashed outline, not an italic word
        const shadesBefore = await shadesOnLine(at.line);
        const kind = before && !isSuggestion(before) && countShades(shadesBefore, true) > 0 ? 'event' : 'span';
        if (kind === 'span' && before && !isSuggestion(before)) throw new Error(`the selected "${word}" is not shown as a suggestion: ${describe(before)}`);
        await page.keyboard.press(accept ? 'Control+Alt+A' : 'Control+Alt+R');
        const decidedBefore = decided;
        // one more decided; accepting an event accepts its suggested actors and place with it
        let status = '';
        for (const deadline = Date.now() + 10_000; ; await sleep(50)) {
          status = await reviewStatus();
          const m = new RegExp(`Review (\\d+)/${total}\\b`).exec(status);
          if (m && (kind === 'event' && accept ? Number(m[1]) > decided : Number(m[1]) === decided + 1)) break;
          if (Date.now() > deadline) throw new Error(`the status bar does not count decision ${i} (it shows "${status}", ${decided} decided before)`);
        }
        decided = Number(/Review (\d+)\//.exec(status)[1]);
        await waitForTreeRow(new RegExp(`^${escapeRegExp(ARTICLE)} Review ${decided}/${total}$`));
        let after;
        if (kind === 'event') {
          // accepted: one dashed outline fewer and one solid shade more on the line; rejected: the dashed one gone
          const ok = (sh) => countShades(sh, true) === countShades(shadesBefore, true) - 1 && countShades(sh, false) === countShades(shadesBefore, false) + (accept ? 1 : 0);
          const deadline = Date.now() + 10_000;
          for (after = await shadesOnLine(at.line); !ok(after); after = await shadesOnLine(at.line)) {
            if (Date.now() > deadline) throw new Error(`the event "${word}" is not shaded as ${accept ? 'accepted' : 'rejected'}: before ${JSON.stringify(shadesBefore)}, after ${JSON.stringify(after)}`);
            await sleep(100);
          }
          after = { text: word, className: `event shades ${JSON.stringify(after)}` };
        } else {
          after = await waitForProbe(() => renderedAt(at.line, at.column), accept ? isAccepted : isPlain, `"${word}" is not rendered ${accept ? 'bold (accepted)' : 'plain (rejected)'}`);
        }
        const deadline = Date.now() + 5_000;
        for (let next = await selection(); next.line === at.line && next.column === at.column && next.length === at.length; next = await selection()) {
          if (Date.now() > deadline) throw new Error(`the selection did not move on after "${word}"`);
          await sleep(50);
        }
        if (i === 3) await walkthroughImage('openSample');
        decisions.push({ ...at, word, accept, kind, shadesBefore, decidedBefore, offset: offsetOf(articleLines, at.line, at.column) });
        if (VERBOSE || i <= 3 || i === DECISIONS || kind === 'event') console.log(`[ui]   ${i}: "${word}" L${at.line} ${describe(before)} -> ${describe(after)}`);
      });
    }

    await step('sidecar holds the 20 decisions', async () => {
      const yaml = await waitForFile(sidecarPath, (t) => {
        const s = parse(t);
        return decisions.every((d) => (d.accept
          ? [...s.mentions, ...s.attributions.map((a) => ({ ...a.cue, status: a.status, by: a.by })), ...s.events].some((m) => m.start === d.offset && m.status === 'accepted' && m.by === 'UI check')
          : (s.rejected ?? []).some((r) => r.start === d.offset && r.by === 'UI check')));
      }, 'the 20 decisions are not all on disk, each by the git user (UI check)');
      return yaml.length;
    });

    const last = decisions[decisions.length - 1];
    await step('Ctrl+Z takes the last decision back', async () => {
      await page.keyboard.press('Control+Z');
      decided = last.decidedBefore;
      await waitForStatus(new RegExp(`Review ${decided}/${total}\\b`));
      await waitForTreeRow(new RegExp(`^${escapeRegExp(ARTICLE)} Review ${decided}/${total}$`));
      let st;
      if (last.kind === 'event') {
        const deadline = Date.now() + 10_000;
        for (st = await shadesOnLine(last.line); countShades(st, true) !== countShades(last.shadesBefore, true); st = await shadesOnLine(last.line)) {
          if (Date.now() > deadline) throw new Error(`the event "${last.word}" is not shaded as a suggestion again: ${JSON.stringify(st)}`);
          await sleep(100);
        }
        st = { text: last.word, className: `event shades ${JSON.stringify(st)}` };
      } else {
        st = await waitForProbe(() => renderedAt(last.line, last.column), isSuggestion, `"${last.word}" is not a suggestion again`);
      }
      const deadline = Date.now() + 5_000;
      for (let at = await selection(); at.line !== last.line || at.column !== last.column || at.length !== last.length; at = await selection()) {
        if (Date.now() > deadline) throw new Error(`the selection is not back on "${last.word}" (${at.text})`);
        await sleep(50);
      }
      await waitForFile(sidecarPath, (t) => !(parse(t).rejected ?? []).some((r) => r.start === last.offset), `the rejection of "${last.word}" is still on disk`);
      if (articleText !== fs.readFileSync(articlePath, 'utf8')) throw new Error('the article text changed');
      console.log(`[ui]   "${last.word}" is ${describe(st)} again`);
    });

    const qaeda = decisions.find((d) => d.word === 'Qaeda');
    await step('delete a word, Ctrl+Z brings its annotation back', async () => {
      const col = HEADLINE.indexOf('Qaeda');
      const before = await renderedAt(headlineLine, col);
      await page.keyboard.press('Control+G');
      await page.locator(QUICK_INPUT).waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.type(`${headlineLine}:${col + 1}`);
      await page.keyboard.press('Enter');
      await page.keyboard.press('Control+Shift+ArrowRight');
      await page.keyboard.press('Backspace');
      await page.locator('.editor-instance .view-line', { hasText: 'border after  unit joins it' }).waitFor({ timeout: 5_000 });
      await sleep(1_000); // detection has run on the shorter text by now
      await page.keyboard.press('Control+Z'); // a text undo: the latest change is the deletion
      const after = await waitForProbe(() => renderedAt(headlineLine, col), (x) => x.color === before.color && x.fontStyle === before.fontStyle && x.fontWeight === before.fontWeight, `"Qaeda" is not rendered as before the deletion (${describe(before)})`);
      // nothing is left orphaned, and the counts are what they were
      await sleep(500);
      const rows = await treeRows();
      if (rows.some((r) => /^Orphaned/.test(r))) throw new Error(`the Annotations view lists orphans after the undo: ${JSON.stringify(rows)}`);
      await waitForStatus(new RegExp(`Review ${decided}/${total}\\b`));
      console.log(`[ui]   Qaeda (${qaeda ? (qaeda.accept ? 'accepted' : 'rejected') : 'not decided'}) after undo: ${describe(after)}`);
      await page.keyboard.press('Control+S');
    });

    // solid (accepted) shades on the sentence's line before tagging: the tagged event must add one
    await page.keyboard.press('Control+Home');
    const solidBefore = countShades(await shadesOnLine(sentenceLine), false);
    const details = await step('tag an event (Ctrl+Alt+E)', async () => {
      await page.keyboard.press('Control+G');
      await page.locator(QUICK_INPUT).waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.type(String(sentenceLine));
      await page.keyboard.press('Enter');
      await page.keyboard.press('Home');
      await page.keyboard.press('Shift+End');
      await page.locator('.editor-instance .selected-text').first().waitFor({ timeout: 5_000 });
      await page.keyboard.press('Control+Alt+E');
      await pickByKeyboard('Battles');
      await pickByKeyboard('Armed clash');
      await page.locator(ROW).filter({ hasText: 'Save event' }).first().waitFor({ state: 'visible', timeout: 15_000 });
      const rows = await quickPickRows();
      await screenshot('event details pre-filled');
      await walkthroughImage('tagEvent');
      // the actor picker: each entity once, with its line and context, the pre-filled one first
      await page.keyboard.press('ArrowDown');
      await page.locator(`${ROW}.focused`, { hasText: 'Actor 1' }).waitFor({ timeout: 5_000 });
      await page.keyboard.press('Enter');
      await page.locator(ROW, { hasText: 'pre-filled' }).first().waitFor({ state: 'visible', timeout: 10_000 });
      const choices = await page.locator(ROW).evaluateAll((els) => els.map((r) => ({
        label: (r.querySelector('.label-name')?.textContent ?? '').trim(),
        text: r.textContent.replace(/\s+/g, ' ').trim(),
      })));
      const labels = choices.map((c) => c.label).filter((l) => l !== '(none)');
      if (new Set(labels).size !== labels.length) throw new Error(`the actor picker repeats entities: ${JSON.stringify(labels)}`);
      if (!/pre-filled/.test(choices[0].text)) throw new Error(`the pre-filled actor is not first: ${JSON.stringify(choices.slice(0, 3))}`);
      const withContext = choices.filter((c) => /L\d+: /.test(c.text));
      if (withContext.length < labels.length) throw new Error(`actor rows without line and context: ${JSON.stringify(choices.filter((c) => !/L\d+: /.test(c.text)).slice(0, 3))}`);
      await screenshot('actor picker: each entity once, with context');
      console.log(`[ui]   actor picker (${labels.length} rows shown): ${choices.slice(0, 3).map((c) => c.text).join(' | ')}`);
      await page.keyboard.press('Escape'); // back to the details, nothing changed
      await page.locator(`${ROW}.focused`, { hasText: 'Save event' }).first().waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.press('Enter'); // "Save event" is the first row
      return rows;
    });
    console.log(`[ui]   event details: ${JSON.stringify(details)}`);

    const manualEvent = /^- \{[^\n]*type: Battles[^\n]*origin: manual/m;
    await step('event shaded, listed in the Annotations view, in the sidecar', async () => {
      await page.keyboard.press('Control+Home'); // off the event's line, so neither selection nor line highlight covers it
      const deadline = Date.now() + 10_000;
      let shades;
      while (countShades((shades = await shadesOnLine(sentenceLine)), false) <= solidBefore) {
        if (Date.now() > deadline) throw new Error(`the tagged event has no solid shading on screen: ${JSON.stringify(shades)}`);
        await sleep(100);
      }
      const actor = await waitForProbe(() => renderedStyle(SENTENCE_START, 'Al-Qaeda'), isBold, '"Al-Qaeda" is not bold (accepted with the event)');
      const yaml = await waitForFile(sidecarPath, (t) => manualEvent.test(t), 'no tagged Battles event');
      // the view counts what the sidecar holds (orphans apart)
      const events = (parse(yaml).events ?? []).filter((e) => !e.orphan).length;
      const row = await waitForTreeRow(new RegExp(`^Events ${events}$`));
      console.log(`[ui]   shades on the line ${JSON.stringify(shades)}; Al-Qaeda ${describe(actor)}; tree "${row}"`);
    });

    // a suggested event with both actors and a place, and a character in it on no mention and no other event
    const target = (() => {
      const s = parse(fs.readFileSync(sidecarPath, 'utf8'));
      const cps = Array.from(articleText);
      const byId = new Map((s.mentions ?? []).map((m) => [m.id, m]));
      const placeOf = (o) => {
        const before = cps.slice(0, o).join('');
        const line = before.split('\n').length;
        return { line, col: before.length - before.lastIndexOf('\n') }; // 1-based column for Ctrl+G
      };
      for (const e of s.events ?? []) {
        if (e.status === 'accepted' || e.orphan || !e.actor1 || !e.actor2 || !e.place) continue;
        const events = (s.events ?? []).filter((x) => !x.orphan && x.start < e.end && e.start < x.end);
        if (events.length > 1) continue;
        for (let o = e.start; o < e.end; o++) {
          if (/\s/.test(cps[o]) || (s.mentions ?? []).some((m) => !m.orphan && m.start <= o && o < m.end)) continue;
          return { event: e, at: placeOf(o), actor1: byId.get(e.actor1), actor2: byId.get(e.actor2), place: byId.get(e.place), actor2At: placeOf(byId.get(e.actor2).start + 1) };
        }
      }
      throw new Error(`no suggested event alone on its text with both actors and a place in ${SIDECAR}`);
    })();
    const eventLine = target.at.line;
    const eventHover = async (pattern) => {
      await page.keyboard.press('Escape');
      await goTo(target.at.line, target.at.col);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: pattern }).first();
      await hover.waitFor({ state: 'visible', timeout: 10_000 });
      await sleep(300); // the fade-in, for the screenshot
      return (await hover.innerText()).replace(/\s+/g, ' ');
    };

    await step('event card on hover (Ctrl+K Ctrl+I): type, actors with their roles, place, date, fatalities, source', async () => {
      const { event, actor1, actor2, place } = target;
      const text = await eventHover('Actor 1 (acts)');
      const expected = [`${event.type} / ${event.subtype}`, `Actor 1 (acts): ${actor1.text}`, `Actor 2 (acted on): ${actor2.text}`, `Place: ${place.text}`, 'Date: ', 'Fatalities: ', 'Source: ', 'Accept', 'Reject', 'Change type…', 'Change a role…'];
      const missing = expected.filter((x) => !text.includes(x));
      if (missing.length) throw new Error(`the event card lacks ${JSON.stringify(missing)}: ${text}`);
      if (!/suggested · e-[0-9a-f]+/.test(text)) throw new Error(`the card does not say the event is a suggestion: ${text}`);
      console.log(`[ui]   ${text.slice(0, 400)}`);
    });

    await step('suggested events are shaded lighter than accepted ones', async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Home');
      await goTo(eventLine);
      await page.keyboard.press('Home');
      let shades = await allShades();
      // the tagged (accepted) event is on another line: bring it on screen too if it is not
      if (!shades.some((x) => !x.dashed)) {
        await goTo(sentenceLine);
        shades = [...shades, ...(await allShades())];
        await goTo(eventLine);
        await page.keyboard.press('Home');
      }
      const dashed = shades.filter((x) => x.dashed).map((x) => alphaOf(x.background));
      const solid = shades.filter((x) => !x.dashed).map((x) => alphaOf(x.background));
      if (!dashed.length || !solid.length) throw new Error(`need both kinds of shade on screen: ${JSON.stringify(shades)}`);
      if (Math.max(...dashed) >= Math.min(...solid)) throw new Error(`a suggested event is shaded as dark as an accepted one: suggested ${dashed}, accepted ${solid}`);
      const line = await shadesOnLine(eventLine);
      if (countShades(line, true) < 1) throw new Error(`the suggested event's line has no dashed shade: ${JSON.stringify(line)}`);
      target.before = line;
      await lineShot('suggested event: faint, dashed', eventLine);
      console.log(`[ui]   suggested alphas ${[...new Set(dashed)]}, accepted ${[...new Set(solid)]}`);
    });

    await step('quick fix (Ctrl+.): change the event\'s type and sub-type; it is accepted, shaded solid in its new colour', async () => {
      const { event } = target;
      const [type, subtype] = event.type === 'Violence against civilians' ? ['Battles', 'Armed clash'] : ['Violence against civilians', 'Attack'];
      await openQuickFixesWith(target.at, 'Change type of event', '"Change type of event"');
      const rows = (await page.locator('.action-widget .monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      if (!rows.some((r) => r.startsWith(`Change a role of event ${event.type} / ${event.subtype}`))) throw new Error(`no "Change a role" quick fix: ${JSON.stringify(rows)}`);
      await screenshot('quick fixes on an event');
      await chooseQuickFix(page, new RegExp(`^Change type of event ${escapeRegExp(event.type)} / ${escapeRegExp(event.subtype)}`));
      await pickByKeyboard(type);
      await pickByKeyboard(subtype);
      const line = new RegExp(`^ *- \\{id: ${event.id},[^\\n]*type: ${escapeRegExp(type)}[^\\n]*origin: manual`, 'm');
      await waitForFile(sidecarPath, (t) => line.test(t), `event ${event.id} is not ${type} / ${subtype}, accepted by hand`);
      await page.keyboard.press('Control+Home');
      await goTo(eventLine);
      await page.keyboard.press('Home');
      // one dashed shade fewer on its line, one more solid one, in the new type's colour
      const colour = type === 'Battles' ? 'rgba(220, 53, 69, 0.12)' : 'rgba(111, 66, 193, 0.12)';
      const before = target.before;
      const ofColour = (xs) => xs.filter((x) => !x.dashed && x.background === colour).length;
      const deadline = Date.now() + 10_000;
      let shades;
      while (!((shades = await shadesOnLine(eventLine)) && countShades(shades, false) === countShades(before, false) + 1 && countShades(shades, true) === countShades(before, true) - 1 && ofColour(shades) === ofColour(before) + 1)) {
        if (Date.now() > deadline) throw new Error(`the retyped event is not shaded solid in ${type}'s ${colour}: ${JSON.stringify(shades)} (before: ${JSON.stringify(before)})`);
        await sleep(100);
      }
      await lineShot('retyped event: accepted, solid, its type\'s colour', eventLine);
      target.type = type;
      console.log(`[ui]   ${event.type} / ${event.subtype} -> ${type} / ${subtype}; shades on its line ${JSON.stringify(shades)}`);
    });

    // the retype above gives an event with an armed actor 2 the type Violence against civilians when the target has one
    await step('the retyped event\'s card warns of a coding ACLED would not accept', async () => {
      const retyped = (parse(fs.readFileSync(sidecarPath, 'utf8')).events ?? []).find((e) => e.id === target.event.id);
      if (target.type !== 'Violence against civilians' || ![1, 2, 3, 4, 8].includes(retyped?.inter2)) {
        console.log(`[ui]   skipped: ${target.type} with actor 2 of type ${retyped?.inter2} breaks no rule`);
        return;
      }
      const text = await eventHover('⚠');
      if (!text.includes('⚠ Violence against civilians targets unarmed civilians (inter 7), but actor 2 is')) throw new Error(`the card does not warn of actor 2: ${text}`);
      console.log(`[ui]   ${text.slice(0, 300)}`);
    });

    await step('quick fix (Ctrl+.) on actor 2: make it actor 1; the card shows the swap', async () => {
      const { event, actor1, actor2, actor2At } = target;
      const pattern = new RegExp(`^Make "${escapeRegExp(actor2.text)}" actor 1 of event ${escapeRegExp(target.type)}`);
      await openQuickFixesWith(actor2At, `Make "${actor2.text}" actor 1`, '"Make … actor 1"');
      await chooseQuickFix(page, pattern);
      const line = new RegExp(`^ *- \\{id: ${event.id},[^\\n]*actor1: ${actor2.id}, actor2: ${actor1.id}`, 'm');
      await waitForFile(sidecarPath, (t) => line.test(t), `event ${event.id} does not have ${actor2.text} as actor 1 and ${actor1.text} as actor 2`);
      const text = await eventHover(`Actor 1 (acts): ${actor2.text}`);
      if (!text.includes(`Actor 2 (acted on): ${actor1.text}`)) throw new Error(`the card does not show the swapped actors: ${text}`);
      console.log(`[ui]   ${text.slice(0, 300)}`);
    });

    // only documents marked reviewed are exported (a draft's unreviewed text would teach a model wrong negatives)
    await step('mark the article reviewed (Ctrl+Shift+P)', async () => {
      await quickOpen('Control+Shift+P', '>Conflict Annotator: Mark Document Reviewed', 'Mark Document Reviewed');
      await waitForStatus(/Review \d+\/\d+ .*reviewed/);
      await waitForTreeRow(new RegExp(`^${escapeRegExp(ARTICLE)} Review \\d+/\\d+ · reviewed$`));
      await waitForFile(sidecarPath, (t) => /status: reviewed/.test(t), 'the document is not marked reviewed on disk');
    });

    const exported = await step('export training data (Ctrl+Shift+P)', async () => {
      const out = path.join(workspace, 'exports');
      const files = {};
      for (const format of ['jsonl', 'events']) {
        await quickOpen('Control+Shift+P', '>Conflict Annotator: Export Training Data', 'Export Training Data');
        await pickByKeyboard(format);
        const suffix = format === 'jsonl' ? '.spacy.jsonl' : '.events.jsonl';
        const deadline = Date.now() + 30_000;
        let file;
        while (!(file = fs.existsSync(out) && fs.readdirSync(out).find((f) => f.endsWith(suffix)))) {
          if (Date.now() > deadline) throw new Error(`no ${format} export in ${out} after 30 s`);
          await sleep(200);
        }
        files[format] = fs.readFileSync(path.join(out, file), 'utf8');
        // the summary with its button, as a toast (or, once toasts are hidden, in the notification centre)
        const toast = page.locator('.notification-toast-container .notification-toast', { hasText: `exported as ${format}` }).first();
        try {
          await toast.waitFor({ state: 'visible', timeout: 10_000 });
          await toast.locator('.monaco-button', { hasText: 'Open Folder' }).first().waitFor({ state: 'visible', timeout: 5_000 });
        } catch {
          console.log(`[ui]   the ${format} summary is no toast (any more): looking in the notification centre`);
          await quickOpen('Control+Shift+P', '>Notifications: Show Notifications', 'Show Notifications');
          const item = page.locator('.notifications-center .notification-list-item', { hasText: `exported as ${format}` }).first();
          await item.waitFor({ state: 'visible', timeout: 10_000 });
          await item.locator('.monaco-button', { hasText: 'Open Folder' }).first().waitFor({ state: 'visible', timeout: 5_000 });
          await page.keyboard.press('Escape');
        }
      }
      if (process.env.UPDATE_WALKTHROUGH === '1') {
        // both summaries with their Open Folder buttons, as the notification centre lists them
        await quickOpen('Control+Shift+P', '>Notifications: Show Notifications', 'Show Notifications');
        await page.locator('.notifications-center .notification-list-item', { hasText: 'exported as events' }).first().waitFor({ state: 'visible', timeout: 10_000 });
        await sleep(300);
        await walkthroughImage('export');
        await page.keyboard.press('Escape');
      }
      return files;
    });

    await step('exported files hold the decisions and the event', async () => {
      const doc = exported.jsonl.trim().split('\n').map((l) => JSON.parse(l)).find((d) => d.text === articleText || d.text.startsWith(articleLines[0]));
      if (!doc) throw new Error('the article is not in the spaCy JSONL export');
      const s = parse(fs.readFileSync(sidecarPath, 'utf8'));
      let checked = 0;
      for (const d of decisions.slice(0, -1)) {
        if (d.kind === 'event') continue;
        const mention = s.mentions.find((m) => m.start === d.offset);
        const span = doc.spans.find((x) => x.start === d.offset);
        if (d.accept && mention && !span) throw new Error(`the accepted "${d.word}" is not exported`);
        if (!d.accept && span) throw new Error(`the rejected "${d.word}" is exported`);
        checked++;
      }
      const events = exported.events.trim().split('\n').map((l) => JSON.parse(l));
      if (!events.some((e) => JSON.stringify(e).includes('Armed clash'))) throw new Error(`the event is not exported: ${exported.events.slice(0, 500)}`);
      console.log(`[ui]   ${checked} decisions checked against ${doc.spans.length} exported spans; ${events.length} event(s) exported`);
    });

    const hoverText = await step('hover card (Ctrl+K Ctrl+I) offers review links', async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+G');
      await page.locator(QUICK_INPUT).waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.type(`${headlineLine}:2`);
      await page.keyboard.press('Enter');
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'Islamic State' }).first();
      await hover.waitFor({ state: 'visible', timeout: 10_000 });
      const text = (await hover.innerText()).replace(/\s+/g, ' ');
      if (!/Remove|Accept/.test(text) || !/Change to place/.test(text)) throw new Error(`the hover card has no review links: ${text}`);
      await sleep(300); // let the fade-in finish so the screenshot shows it
      return text;
    });
    const isilHover = /Mentions: (\d+) in this document · (\d+) in the workspace \((\d+) of (\d+) annotated articles?\)/.exec(hoverText);
    if (!isilHover) throw new Error(`the ISIL card does not count its mentions in the workspace: ${hoverText}`);

    await step('place card (Ctrl+K Ctrl+I) has population and a GeoNames link', async () => {
      await page.keyboard.press('Escape');
      const line = articleLines.findIndex((l) => l.includes('Albu Kamal')) + 1;
      await page.keyboard.press('Control+G');
      await page.locator(QUICK_INPUT).waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.type(`${line}:${articleLines[line - 1].indexOf('Albu Kamal') + 3}`);
      await page.keyboard.press('Enter');
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'Coordinates' }).first();
      await hover.waitFor({ state: 'visible', timeout: 10_000 });
      const text = (await hover.innerText()).replace(/\s+/g, ' ');
      if (!/Population: \d[\d,]*/.test(text)) throw new Error(`the place card has no population: ${text}`);
      const link = await hover.locator('a', { hasText: /^GeoNames \d+$/ }).first().getAttribute('data-href').catch(() => null)
        ?? await hover.locator('a', { hasText: /^GeoNames \d+$/ }).first().getAttribute('href');
      if (!/^https:\/\/www\.geonames\.org\/\d+$/.test(link ?? '')) throw new Error(`the place card has no GeoNames link: ${text} (link ${link})`);
      await sleep(300);
      console.log(`[ui]   ${text.slice(0, 200)} · ${link}`);
    });

    await step('Annotations view rows: line, context and inline actions', async () => {
      await page.keyboard.press('Escape');
      await quickOpen('Control+Shift+P', '>Conflict Annotator: Focus on Annotations View', 'Focus on Annotations View');
      // walk down to the Events group of the article and open it
      const seen = [];
      for (let i = 0; ; i++) {
        await sleep(100); // the focus moves with the next frame
        const focused = ((await page.locator(`${TREE_ROWS}.focused .label-name`).first().textContent({ timeout: 2_000 }).catch(() => '')) ?? '').trim();
        seen.push(focused);
        if (focused === 'Events') break;
        if (i === 15) throw new Error(`no Events row reached with the arrow keys (focused in turn: ${JSON.stringify(seen)})`);
        await page.keyboard.press('ArrowDown');
      }
      await page.keyboard.press('ArrowRight');
      await sleep(200);
      await page.keyboard.press('ArrowDown');
      await sleep(200);
      // accepted rows offer Remove, suggested ones Accept and Reject, inline on the focused row
      const seenActions = new Map();
      for (let i = 0; i < 9 && seenActions.size < 2; i++) {
        const row = page.locator(`${TREE_ROWS}.focused`).first();
        const text = (await row.innerText()).replace(/\s+/g, ' ').trim();
        if (!/L\d+ · \S/.test(text)) throw new Error(`the event row has no line and context: "${text}"`);
        const actions = await row.locator('.actions .action-label').evaluateAll((as) => as.map((a) => a.getAttribute('aria-label') ?? a.title));
        const key = actions.some((a) => /^Accept/.test(a)) && actions.some((a) => /^Reject/.test(a)) ? 'suggested' : actions.some((a) => /^Remove/.test(a)) ? 'accepted' : '';
        if (!key) throw new Error(`the focused row has no inline review actions: ${JSON.stringify(actions)} ("${text}")`);
        if (!seenActions.has(key)) seenActions.set(key, `"${text.slice(0, 80)}" ${JSON.stringify(actions)}`);
        await page.keyboard.press('ArrowDown');
        await sleep(150);
      }
      if (seenActions.size < 2) throw new Error(`only ${[...seenActions.keys()]} rows among the events`);
      // an event row opens onto its roles
      for (let i = 0; i < 12; i++) {
        const text = (await page.locator(`${TREE_ROWS}.focused`).first().innerText()).replace(/\s+/g, ' ').trim();
        if (/^(?:Battles|Explosions|Violence|Protests|Riots|Strategic) /.test(text)) break;
        await page.keyboard.press('ArrowUp');
        await sleep(150);
      }
      await page.keyboard.press('ArrowRight');
      const roleRows = [/^Actor 1: \S/, /^Actor 2: \S/, /^Place: \S/, /^Date: \S/, /^Fatalities: \S/, /^Source: \S/];
      for (const pattern of roleRows) await waitForTreeRow(pattern);
      const shown = (await treeRows()).filter((r) => roleRows.some((p) => p.test(r)));
      // a role someone fills shows the line and context of its mention; an empty one says what the role means
      const filled = shown.filter((r) => /^(?:Actor [12]|Place): (?!—)/.test(r));
      if (!filled.length || !filled.every((r) => / L\d+ · /.test(r))) throw new Error(`role rows without the line of their mention: ${JSON.stringify(shown)}`);
      if (!shown.filter((r) => /^(?:Actor [12]|Place): —/.test(r)).every((r) => /the side that acts|the side acted on|where it happened/.test(r))) throw new Error(`an empty role row does not say what the role means: ${JSON.stringify(shown)}`);
      console.log(`[ui]   roles of an event: ${shown.join(' | ')}`);
      // a wider view for the screenshot, so the line and context show
      for (let i = 0; i < 4; i++) await quickOpen('Control+Shift+P', '>View: Increase Current View Size', 'Increase Current View Size');
      await sleep(300);
      const rows = await treeRows();
      const actorsRow = rows.find((r) => /^Actors \d+$/.test(r));
      console.log(`[ui]   ${[...seenActions.values()].join('; ')}; ${actorsRow}`);
      return actorsRow;
    });

    await step('statistics (Ctrl+Shift+P) agree with the status bar, the view and the hover; names, not ids', async () => {
      const status = await reviewStatus();
      await quickOpen('Control+Shift+P', '>Conflict Annotator: Show Corpus Statistics', 'Show Corpus Statistics');
      await quickOpen('Control+Shift+P', '>View: Toggle Maximized Panel', 'Toggle Maximized Panel');
      const panel = page.locator('.part.panel .view-lines', { hasText: 'Top entities' }).first();
      await panel.waitFor({ state: 'visible', timeout: 20_000 });
      const lines = await panel.locator('.view-line').evaluateAll((ls) => ls.map((l) => ({ top: parseFloat(l.style.top), text: l.textContent.replace(/\u00a0/g, ' ') })).sort((a, b) => a.top - b.top).map((l) => l.text));
      const out = lines.join('\n');
      const review = /Review: (\d+\/\d+) decided/.exec(out);
      const bar = /Review (\d+\/\d+)/.exec(status);
      if (!review || !bar || review[1] !== bar[1]) throw new Error(`statistics say ${review?.[1]}, the status bar ${bar?.[1]}:\n${out}`);
      const actor = /ACTOR\s+(\d+)\s+(\d+)/.exec(out);
      const treeActors = Number(/^Actors (\d+)$/.exec(await waitForTreeRow(/^Actors \d+$/))[1]);
      if (!actor || Number(actor[1]) + Number(actor[2]) !== treeActors) throw new Error(`statistics count ${actor?.[1]} + ${actor?.[2]} actors, the Annotations view ${treeActors}`);
      const isil = /^\s*(\d+)\s+Islamic State of Iraq and the Levant \(ACTOR\)/m.exec(out);
      if (!isil || isil[1] !== isilHover[2]) throw new Error(`statistics count ${isil?.[1]} ISIL mentions, the hover card ${isilHover[2]}:\n${out}`);
      if (/\b(?:geonames-\d+|country-[a-z]{2}|x-[a-z0-9-]+)\b/.test(out)) throw new Error(`statistics show ids instead of names:\n${out}`);
      console.log(`[ui]   status "${status}"; ${lines.filter((l) => /Review:|ACTOR|Islamic State/.test(l)).join(' | ')}`);
      await screenshot('statistics');
      await quickOpen('Control+Shift+P', '>View: Toggle Maximized Panel', 'Toggle Maximized Panel');
      await page.keyboard.press('Control+J'); // hide the panel again
      await page.keyboard.press('Control+1');
    });

    await step('remove the tagged event (Ctrl+Shift+P): its shading goes, suggested events keep theirs', async () => {
      await page.keyboard.press('Escape');
      const solid = countShades(await shadesOnLine(sentenceLine), false);
      const dashed = countShades(await shadesOnLine(sentenceLine), true);
      const sentence = articleLines[sentenceLine - 1];
      await goTo(sentenceLine, sentence.indexOf(' local ') + 3); // in "local", no mention there
      await quickOpen('Control+Shift+P', '>Conflict Annotator: Remove Annotation', 'Remove Annotation');
      await waitForFile(sidecarPath, (t) => !manualEvent.test(t), 'the removed event is still in the sidecar');
      await page.keyboard.press('Control+Home');
      const deadline = Date.now() + 10_000;
      let shades;
      while (countShades((shades = await shadesOnLine(sentenceLine)), false) !== solid - 1) {
        if (Date.now() > deadline) throw new Error(`the removed event is still shaded: ${JSON.stringify(shades)} (before: ${solid} solid)`);
        await sleep(100);
      }
      if (countShades(shades, true) !== dashed) throw new Error(`suggested events on the line changed: ${JSON.stringify(shades)} (before: ${dashed} dashed)`);
      await waitForFile(sidecarPath, (t) => !manualEvent.test(t), 'the removed event is still in the sidecar');
    });

    await step('other .txt stays plain text', async () => {
      await page.keyboard.press('Escape');
      await quickOpen('Control+P', path.basename(PLAIN_NOTE), path.basename(PLAIN_NOTE));
      await page.locator('.tabs-container .tab.active', { hasText: path.basename(PLAIN_NOTE) }).waitFor({ timeout: 15_000 });
      await page.locator('.editor-instance .view-lines', { hasText: 'Reading list' }).waitFor({ timeout: 15_000 });
      await sleep(1_500); // time enough for tokens to arrive if anything were to colour it
      const mode = (await page.locator('[id="status.editor.mode"]').innerText()).trim();
      if (mode !== 'Plain Text') throw new Error(`${PLAIN_NOTE} opened as "${mode}", not Plain Text`);
      const classes = await page.locator(WORD_SPANS).evaluateAll((spans) => [...new Set(spans.map((s) => s.className))]);
      if (classes.some((c) => /\bmtk([2-9]|\d\d+|i|b|u|s)\b/.test(c))) throw new Error(`${PLAIN_NOTE} is coloured: ${JSON.stringify(classes)}`);
      if (fs.existsSync(path.join(workspace, PLAIN_NOTE.replace(/\.txt$/, '.ann.yaml')))) throw new Error(`a sidecar was written for ${PLAIN_NOTE}`);
      if (await reviewStatus()) throw new Error('the review status shows for a plain text file');
    });

    // last: the team's repository adds an article, which the workspace-wide counts above must not see
    await teamSteps({ page, step, quickOpen, pickByKeyboard, sleep, QUICK_INPUT, workspace, repoRoot: REPO_ROOT, article: path.join(SAMPLE_ARTICLES, ARTICLE) });

    console.log('[ui] phases (ms): ' + timings.map(([n, ms]) => `${n}=${ms}`).join(', '));
    console.log(`[ui] UI check passed in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in test-artifacts/ui/`);
    return 0;
  } catch (err) {
    let where = '';
    if (page) where = await screenshot('failure').then((f) => ` (screenshot: ${path.relative(REPO_ROOT, f)})`, () => '');
    console.error(`[ui] FAILED: ${err.message}${where}`);
    if (VERBOSE && err.stack) console.error(err.stack);
    if (server && /code-server|workbench/.test(err.message)) console.error(`[ui] code-server log (tail):\n${server.logTail()}`);
    return 1;
  } finally {
    clearTimeout(watchdog);
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
    if (process.env.HARNESS_KEEP_TMP === '1') console.log(`[ui] kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[ui] FAILED: ${err?.stack ?? err}`);
    process.exit(1);
  },
);
