#!/usr/bin/env node
'use strict';
// Runs test/integration in a real VS Code through @vscode/test-electron's runTests.
// By default the "VS Code executable" is codeServerShim.js (code-server + headless Chromium), because desktop
// VS Code cannot be downloaded here. On a machine that has it:
//   VSCODE_EXECUTABLE=/path/to/code   use that binary
//   CONFLICT_ANNOTATOR_DESKTOP=1      let runTests download and use desktop VS Code
// Other switches: --no-build (reuse out/test/integration), HARNESS_EXTENSION_PATH (run the suite against
// another extension folder), HARNESS_KEEP_TMP=1 (keep the workspace copy and profile), INTEGRATION_GREP (run only
// the tests whose full title matches this regular expression).

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const SHIM = path.join(__dirname, 'codeServerShim.js');
// The workspace is a fresh copy of the sample articles (stored once, in media/samples)
const SAMPLE_ARTICLES = path.join(REPO_ROOT, 'media', 'samples', 'articles');
const TESTS_ENTRY = path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

function checkExtension(extensionPath) {
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8'));
  if (manifest.main) {
    const main = path.resolve(extensionPath, manifest.main);
    const candidates = [main, `${main}.js`];
    if (!candidates.some((p) => fs.existsSync(p))) {
      throw new Error(`the extension entry ${path.relative(REPO_ROOT, main)} does not exist: run \`npm run build\` first`);
    }
  }
}

function readResults(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

async function main() {
  const started = Date.now();
  if (!process.argv.includes('--no-build')) {
    const build = spawnSync(process.execPath, [path.join(__dirname, 'buildTests.mjs')], { stdio: 'inherit', cwd: REPO_ROOT });
    if (build.status !== 0) throw new Error('building the integration tests failed');
  }
  if (!fs.existsSync(TESTS_ENTRY)) throw new Error(`${path.relative(REPO_ROOT, TESTS_ENTRY)} is missing (build failed?)`);

  const extensionPath = path.resolve(process.env.HARNESS_EXTENSION_PATH || REPO_ROOT);
  checkExtension(extensionPath);

  // A fresh copy per run, so tests can write sidecars without touching the fixtures or each other's runs.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-integration-'));
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(SAMPLE_ARTICLES, path.join(workspace, 'articles'), { recursive: true });
  // the editor learns decisions only into a file the workspace has; a rejectAfter this high never hides a name,
  // so tests rejecting the same word in their own copies do not change each other's suggestions
  fs.writeFileSync(path.join(workspace, 'conflict-learned.yaml'), 'rejectAfter: 1000\nentries: []\n');
  const resultFile = path.join(tmp, 'results.json');

  let vscodeExecutablePath = SHIM;
  if (process.env.VSCODE_EXECUTABLE) vscodeExecutablePath = path.resolve(process.env.VSCODE_EXECUTABLE);
  else if (process.env.CONFLICT_ANNOTATOR_DESKTOP === '1') vscodeExecutablePath = undefined;
  console.log(`[integration] VS Code: ${vscodeExecutablePath === SHIM ? 'code-server via codeServerShim.js' : vscodeExecutablePath ?? 'downloaded desktop build'}`);

  let exitCode = 0;
  const runStarted = Date.now();
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: extensionPath,
      extensionTestsPath: TESTS_ENTRY,
      launchArgs: [
        workspace,
        // A fresh profile every run: no state leaks between runs (and .vscode-test/ stays unused).
        `--user-data-dir=${path.join(tmp, 'user-data')}`,
        `--extensions-dir=${path.join(tmp, 'extensions')}`,
      ],
      extensionTestsEnv: {
        CONFLICT_ANNOTATOR_TEST_WORKSPACE: workspace,
        HARNESS_RESULT_FILE: resultFile,
        ...(process.env.INTEGRATION_GREP ? { INTEGRATION_GREP: process.env.INTEGRATION_GREP } : {}),
      },
    });
  } catch (err) {
    exitCode = typeof err?.code === 'number' && err.code !== 0 ? err.code : 1;
    console.error(`[integration] ${err?.message ?? err}`);
  }
  const runMs = Date.now() - runStarted;

  const results = readResults(resultFile);
  if (results) {
    for (const f of results.failed) console.log(`[integration] FAILED: ${f.title}\n${f.error ?? ''}`);
    console.log(`${results.passed.length} passed, ${results.failed.length} failed`);
    // A suite that reports failures must never count as green, whatever the host's exit code said.
    if (results.failed.length > 0 && exitCode === 0) exitCode = 1;
    if (results.passed.length + results.failed.length === 0 && exitCode === 0) {
      console.error('[integration] no tests ran');
      exitCode = 1;
    }
  } else {
    console.log('0 passed, 0 failed');
    console.error('[integration] the test run produced no results (the extension host never finished mocha)');
    if (exitCode === 0) exitCode = 1;
  }
  console.log(`[integration] VS Code run ${seconds(runMs)}, total ${seconds(Date.now() - started)}`);

  if (process.env.HARNESS_KEEP_TMP === '1') console.log(`[integration] kept ${tmp}`);
  else fs.rmSync(tmp, { recursive: true, force: true });
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[integration] ${err?.stack ?? err}`);
    process.exit(1);
  },
);
