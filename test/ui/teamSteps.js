'use strict';
// UI steps for team work, run by uiCheck.js on its page: the agreement report of two annotators' git branches
// (a chart per label, the disagreements; a click on one, the report's only pointer gesture, opens both
// versions), and a curation step (the other annotator's version compared in the editor, a disagreement settled
// from the quick fix menu by keyboard).
// First it makes team/ in the workspace a git repository with one article annotated on two branches, amal and bo.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const DOC = 'team-doc.txt';
const HEADLINE = 'ISIL strengthened on Syria border after Qaeda unit joins it';

function run(cwd, cmd, args) {
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** Marks the first suggested mention quoting `quote` accepted by `who`, in the sidecar's own one-line layout. */
function accept(yaml, quote, who) {
  const lines = yaml.split('\n');
  const i = lines.findIndex((l) => l.startsWith('- {id: m-') && l.includes(`text: "${quote}"`) && !l.includes('status:'));
  if (i < 0) throw new Error(`no suggestion "${quote}" in the sidecar`);
  // a gazetteer suggestion has no `origin` (the default): the status then goes last, before who and when
  const line = lines[i].includes(', origin: ') ? lines[i].replace(', origin: ', ', status: accepted, origin: ') : lines[i].replace(/\}$/, ', status: accepted}');
  lines[i] = line.replace(/\}$/, `, by: "${who}", at: "2025-03-01T12:00:00Z"}`);
  return lines.join('\n');
}

/** A git repository in `team/`: the team article suggested on main, amal's and bo's decisions on their branches. */
function setUpTeam(workspace, repoRoot, article) {
  const repo = path.join(workspace, 'team');
  const dir = path.join(repo, 'articles');
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(article, path.join(dir, DOC));
  run(repo, process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'annotate', 'articles']);
  run(repo, 'git', ['init', '-q', '-b', 'main']);
  run(repo, 'git', ['config', 'user.name', 'cleo']);
  run(repo, 'git', ['config', 'user.email', 'cleo@example.invalid']);
  run(repo, 'git', ['add', 'articles']);
  run(repo, 'git', ['commit', '-q', '-m', 'suggestions']);
  const sidecar = path.join(dir, DOC.replace(/\.txt$/, '.ann.yaml'));
  for (const [who, quotes] of [['amal', ['ISIL', 'Iraq']], ['bo', ['ISIL', 'Syria']]]) {
    run(repo, 'git', ['checkout', '-q', '-b', who, 'main']);
    fs.writeFileSync(sidecar, quotes.reduce((y, q) => accept(y, q, who), fs.readFileSync(sidecar, 'utf8')));
    run(repo, 'git', ['commit', '-q', '-am', `${who} decides`]);
  }
  run(repo, 'git', ['checkout', '-q', 'amal']);
  return sidecar;
}

/**
 * Opens the team article in the editor. Quick open is given its full path: the file was made after the window
 * opened, and the file search may not list it yet.
 */
async function openDoc(page, quickOpen, file) {
  await quickOpen('Control+P', file, DOC);
  await page.locator('.tabs-container .tab.active', { hasText: DOC }).waitFor({ timeout: 15_000 });
  await page.locator('.editor-instance .view-lines', { hasText: 'ISIL strengthened' }).waitFor({ timeout: 15_000 });
}

/** The frame of the webview whose page holds `selector`, once it has rendered. */
async function webviewFrame(page, selector, sleep, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      try {
        if ((await frame.locator(selector).count()) > 0) return frame;
      } catch {
        // a frame that navigated away meanwhile
      }
    }
    await sleep(200);
  }
  throw new Error(`no webview shows ${selector}`);
}

/** Chooses the quick fix whose label matches `pattern` with the keyboard (a pointer-block overlay covers the menu). */
async function chooseQuickFix(page, pattern) {
  const rows = page.locator('.action-widget .monaco-list-row');
  const count = await rows.count();
  for (let i = 0; i <= count; i++) {
    const focused = page.locator('.action-widget .monaco-list-row.focused');
    const label = (await focused.count()) ? (await focused.first().getAttribute('aria-label')) ?? '' : '';
    if (pattern.test(label)) {
      await page.keyboard.press('Enter');
      return label;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no quick fix matching ${pattern}`);
}

/** Puts the cursor inside `word` of the line starting with `lineStart` with Go to Line (Ctrl+G line:column). */
async function cursorInto(page, QUICK_INPUT, lines, lineStart, word) {
  const line = lines.findIndex((l) => l.startsWith(lineStart));
  if (line < 0) throw new Error(`no line starting "${lineStart}"`);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+G');
  await page.locator(QUICK_INPUT).waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.type(`${line + 1}:${lines[line].indexOf(word) + 2}`);
  await page.keyboard.press('Enter');
}

async function teamSteps({ page, step, quickOpen, pickByKeyboard, sleep, QUICK_INPUT, workspace, repoRoot, article }) {
  const sidecar = setUpTeam(workspace, repoRoot, article);
  const lines = fs.readFileSync(article, 'utf8').split('\n');
  await step('agreement report of two branches', async () => {
    // the branches of the open article's repository
    await openDoc(page, quickOpen, sidecar.replace(/\.ann\.yaml$/, '.txt'));
    await quickOpen('Control+Shift+P', '>Conflict Annotator: Show Agreement Report', 'Show Agreement Report');
    await pickByKeyboard('Two git branches');
    for (const ref of ['amal', 'bo']) {
      await page.locator(QUICK_INPUT).waitFor({ state: 'visible', timeout: 10_000 });
      await page.locator(QUICK_INPUT).fill(ref);
      await page.keyboard.press('Enter');
      await sleep(300);
    }
    await page.locator('.tabs-container .tab', { hasText: 'Agreement: amal · bo' }).waitFor({ timeout: 30_000 });
    const frame = await webviewFrame(page, 'tr.disagreement', sleep);
    const charts = await frame.locator('figure.chart').count();
    const rows = await frame.locator('tr.disagreement').allInnerTexts();
    if (charts !== 6) throw new Error(`the report shows ${charts} charts, not one per label, all labels and events`);
    if (rows.length !== 2 || !rows.some((r) => r.includes('Iraq')) || !rows.some((r) => r.includes('Syria'))) throw new Error(`the disagreements are not Iraq and Syria: ${JSON.stringify(rows)}`);
    await sleep(500);
  });

  await step('agreement report opens both versions', async () => {
    const frame = await webviewFrame(page, 'tr.disagreement', sleep);
    await frame.locator('tr.disagreement', { hasText: 'Iraq' }).first().click();
    // amal's and bo's version of the article, side by side
    await page.locator('.editor-group-container').nth(1).waitFor({ timeout: 15_000 });
    const deadline = Date.now() + 15_000;
    let tabs = [];
    const both = (t) => t.some((x) => x.includes(`${DOC} @ amal`)) && t.some((x) => x.includes(`${DOC} @ bo`));
    while (Date.now() < deadline) {
      tabs = await page.locator('.tabs-container .tab').allInnerTexts();
      if (both(tabs)) break;
      await sleep(200);
    }
    if (!both(tabs)) throw new Error(`both versions are not open: ${JSON.stringify(tabs)}`);
    await sleep(500);
  });

  await step('curate against bo', async () => {
    await quickOpen('Control+Shift+P', '>View: Close All Editor Groups', 'Close All Editor Groups');
    await openDoc(page, quickOpen, sidecar.replace(/\.ann\.yaml$/, '.txt'));
    await quickOpen('Control+Shift+P', '>Conflict Annotator: Curate Against', 'Curate Against');
    await page.locator(QUICK_INPUT).waitFor({ state: 'visible', timeout: 10_000 });
    await page.locator(QUICK_INPUT).fill('bo');
    await page.keyboard.press('Enter');
    const deadline = Date.now() + 20_000;
    while (!/^conflicts:/m.test(fs.readFileSync(sidecar, 'utf8'))) {
      if (Date.now() > deadline) throw new Error('the curated sidecar lists no conflicts');
      await sleep(200);
    }
  });

  await step('curation: quick fixes on a disagreement', async () => {
    const item = page.locator('.action-widget .monaco-list-row').filter({ hasText: /Take theirs for m-/ }).first();
    for (let attempt = 1; attempt <= 3; attempt++) {
      await cursorInto(page, QUICK_INPUT, lines, HEADLINE, 'Syria');
      await page.keyboard.press('Control+.');
      try {
        await item.waitFor({ state: 'visible', timeout: 10_000 });
        break;
      } catch {
        const rows = await page.locator('.action-widget .monaco-list-row').allInnerTexts();
        if (attempt === 3) throw new Error(`no "Take theirs" quick fix on Syria (rows: ${JSON.stringify(rows)})`);
        await page.keyboard.press('Escape');
      }
    }
    const rows = await page.locator('.action-widget .monaco-list-row').allInnerTexts();
    if (!rows.some((r) => /Take mine for m-\S+: remove it/.test(r))) throw new Error(`no "Take mine" quick fix: ${JSON.stringify(rows)}`);
  });

  await step('curation: take theirs settles it', async () => {
    await chooseQuickFix(page, /^Take theirs for m-/);
    const deadline = Date.now() + 20_000;
    let yaml = '';
    for (;;) {
      yaml = fs.readFileSync(sidecar, 'utf8');
      const syria = yaml.split('\n').find((l) => l.startsWith('- {id: m-') && l.includes('text: "Syria"'));
      const open = (yaml.split(/^conflicts:$/m)[1] ?? '').split('\n').filter((l) => l.startsWith('- {id: ')).length;
      if (syria && syria.includes('by: "bo"') && open === 1) break;
      if (Date.now() > deadline) throw new Error(`Syria is not settled as bo's (one conflict, Iraq's, left):\n${yaml.slice(0, 3000)}`);
      await sleep(200);
    }
    await sleep(500);
  });
}

module.exports = { teamSteps, chooseQuickFix };
