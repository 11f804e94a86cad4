#!/usr/bin/env node
'use strict';
// End-to-end UI check: the packaged extension in a fresh code-server, driven through headless Chromium the way
// a person would (quick open, hover, quick fix menu, quick picks), then the sidecar on disk is checked.
// Screenshots of every step go to test-artifacts/ui/. Exits non-zero with a message and failure.png on failure.
// Environment: HARNESS_EXTENSION_PATH (package another extension folder), HARNESS_KEEP_TMP=1, HARNESS_VERBOSE=1,
// UI_CHECK_TIMEOUT_MS (whole-run deadline, default 300000).

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { REPO_ROOT, installExtension, launchChromium, sleep, startCodeServer, writeSettings } = require('../harness/codeServer');

const ARTICLE = '000_db39f04dd305928f.txt';
const SIDECAR = '000_db39f04dd305928f.ann.yaml';
const SENTENCE_START = 'The local unit of Al-Qaeda';
const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts', 'ui');
// The workspace is a fresh copy of the sample articles (stored once, in media/samples)
const SAMPLE_ARTICLES = path.join(REPO_ROOT, 'media', 'samples', 'articles');
const VERBOSE = process.env.HARNESS_VERBOSE === '1';
const TIMEOUT_MS = Number(process.env.UI_CHECK_TIMEOUT_MS || 300_000);

const ROW = '.quick-input-list .monaco-list-row';
const QUICK_INPUT = '.quick-input-widget .quick-input-box input';
const WORD_SPANS = '.editor-instance .view-lines .view-line span span';

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

function packageExtension(extensionPath, vsix) {
  const vsce = path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
  // This package is only installed locally, so README links need no rewriting (the repository URL is not a
  // GitHub/GitLab one, which vsce would otherwise need to rewrite them).
  const args = ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', vsix];
  const r = spawnSync(vsce, args, {
    cwd: extensionPath,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0 || !fs.existsSync(vsix)) {
    throw new Error(`vsce package failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  }
  return `${r.stdout}`.trim().split('\n').pop();
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

/** Waits for a quick pick row whose label starts with `label` and accepts it by clicking. */
async function pickQuickItem(label, { filter = true, timeout = 15_000 } = {}) {
  const pattern = label instanceof RegExp ? label : new RegExp(`^\\s*${escapeRegExp(label)}`);
  const row = page.locator(ROW).filter({ hasText: pattern }).first();
  // Waiting for the row before typing makes sure we type into the new quick pick, not the previous one.
  await row.waitFor({ state: 'visible', timeout });
  if (filter && typeof label === 'string') {
    await page.locator(QUICK_INPUT).fill(label);
    await row.waitFor({ state: 'visible', timeout: 5_000 });
  }
  const text = (await row.innerText()).replace(/\s+/g, ' ').trim();
  await row.click();
  return text;
}

async function hoverUntil(target, expected) {
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: expected });
  // The first hover can race activation, and VS Code only asks again when the mouse moves.
  for (let attempt = 1; attempt <= 6; attempt++) {
    const box = await target.boundingBox();
    if (!box) throw new Error('hover target is not on screen');
    await page.mouse.move(box.x + box.width + 200, box.y + 150);
    await sleep(100);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.move(box.x + box.width / 2 + 1, box.y + box.height / 2);
    try {
      await hover.first().waitFor({ state: 'visible', timeout: 3_000 });
      return (await hover.first().innerText()).trim();
    } catch {
      if (VERBOSE) console.log(`[ui] hover attempt ${attempt} showed nothing yet`);
    }
  }
  const shown = await page.locator('.monaco-hover:not(.hidden)').allInnerTexts();
  throw new Error(`no hover containing "${expected}" over the word (hovers shown: ${JSON.stringify(shown)})`);
}

async function waitForFileContaining(file, needle, ms) {
  const deadline = Date.now() + ms;
  let last = '';
  while (Date.now() < deadline) {
    try {
      last = fs.readFileSync(file, 'utf8');
      if (last.includes(needle)) return last;
    } catch {
      // not written yet
    }
    await sleep(200);
  }
  throw new Error(`${path.basename(file)} does not contain "${needle}" after ${ms} ms` +
    (last ? `; it holds:\n${last.slice(0, 2000)}` : '; the file was never written'));
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
  const articlePath = path.join(workspace, 'articles', ARTICLE);
  const sidecarPath = path.join(workspace, 'articles', SIDECAR);
  const articleLines = fs.readFileSync(articlePath, 'utf8').split('\n');
  const sentenceLine = articleLines.findIndex((l) => l.startsWith(SENTENCE_START)) + 1;
  if (sentenceLine === 0) throw new Error(`fixture ${ARTICLE} has no line starting "${SENTENCE_START}"`);

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
    // No wrapping, so Shift+End selects to the end of the source line (one sentence in the fixture).
    writeSettings(userDataDir, { 'editor.wordWrap': 'off', '[conflict-text]': { 'editor.wordWrap': 'off' } });
    server = await step('start code-server', () => startCodeServer({ userDataDir, extensionsDir, tmp, verbose: VERBOSE }));
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

    await step('open article', async () => {
      await quickOpen('Control+P', ARTICLE, ARTICLE);
      await page.locator('.tabs-container .tab.active', { hasText: ARTICLE }).waitFor({ timeout: 15_000 });
      await page.locator('.editor-instance .view-lines', { hasText: 'ISIL strengthened' }).waitFor({ timeout: 15_000 });
    });

    await step('semantic colouring', async () => {
      // Without a grammar every span is mtk1; a separate, differently coloured ISIL span means semantic tokens arrived.
      await page.waitForFunction((selector) => {
        for (const s of document.querySelectorAll(selector)) {
          const m = /\bmtk(\d+)\b/.exec(s.className);
          if (m && Number(m[1]) > 1 && s.textContent.replace(/\u00a0/g, ' ').trim() === 'ISIL') return true;
        }
        return false;
      }, WORD_SPANS, { timeout: 30_000 });
    });

    const hoverText = await step('hover ISIL', async () => {
      const word = page.locator(WORD_SPANS).filter({ hasText: /^\s*ISIL\s*$/ }).first();
      const text = await hoverUntil(word, 'Islamic State');
      await sleep(300); // let the hover's fade-in finish so the screenshot shows it
      if (!/^\s*Islamic State/.test(text)) throw new Error(`the hover card does not start with the canonical name: ${JSON.stringify(text)}`);
      return text;
    });
    console.log(`[ui] hover: ${JSON.stringify(hoverText.split('\n')[0])}`);

    await step('select sentence', async () => {
      await page.mouse.move(5, 5);
      await page.keyboard.press('Escape');
      await page.locator('.editor-instance .view-lines').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+G');
      await page.locator(QUICK_INPUT).waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.type(String(sentenceLine));
      await page.keyboard.press('Enter');
      await page.keyboard.press('Home');
      await page.keyboard.press('Shift+End');
      await page.locator('.editor-instance .selected-text').first().waitFor({ timeout: 5_000 });
    });

    await step('quick fix menu', async () => {
      const item = page.locator('.action-widget .monaco-list-row').filter({ hasText: /^\s*Tag as event/ }).first();
      for (let attempt = 1; attempt <= 3; attempt++) {
        await page.keyboard.press('Control+.');
        try {
          await item.waitFor({ state: 'visible', timeout: 10_000 });
          break;
        } catch (err) {
          const rows = await page.locator('.action-widget .monaco-list-row').allInnerTexts();
          if (attempt === 3) throw new Error(`no "Tag as event" action in the quick fix menu (rows: ${JSON.stringify(rows)})`);
          await page.keyboard.press('Escape'); // the menu may have opened before the provider answered
        }
      }
      // A pointer-block overlay covers the menu, so choose with the keyboard: move focus to the row, then Enter.
      const rows = page.locator('.action-widget .monaco-list-row');
      const count = await rows.count();
      for (let i = 0; i <= count; i++) {
        const focused = page.locator('.action-widget .monaco-list-row.focused');
        const label = (await focused.count()) ? (await focused.first().getAttribute('aria-label')) ?? '' : '';
        if (/^\s*Tag as event/.test(label)) {
          await page.keyboard.press('Enter');
          return;
        }
        await page.keyboard.press('ArrowDown');
      }
      throw new Error('could not move the quick fix focus onto "Tag as event"');
    });

    await step('pick type Battles', () => pickQuickItem('Battles'));
    await step('pick subtype Armed clash', () => pickQuickItem('Armed clash'));
    const saved = await step('event details: save', async () => {
      const row = page.locator(ROW).filter({ hasText: 'Save event' }).first();
      await row.waitFor({ state: 'visible', timeout: 15_000 });
      const text = (await row.innerText()).replace(/\s+/g, ' ').trim();
      await row.click();
      return text;
    });
    console.log(`[ui] accepted: ${JSON.stringify(saved)}`);

    await step('sidecar written', () => waitForFileContaining(sidecarPath, 'type: Battles', 20_000));

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
