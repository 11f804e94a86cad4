#!/usr/bin/env node
'use strict';
// `npm start`: builds and packages the extension, installs the .vsix into a local code-server (bound to
// 127.0.0.1, no password, its own profile) on a fresh copy of the sample articles, and prints the URL to open
// in a browser. Runs until Ctrl+C, then stops the server and removes the copy.
// Environment: PORT (default: a free port), CONFLICT_ANNOTATOR_KEEP=1 (keep the workspace copy and profile).

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { REPO_ROOT, installExtension, packageExtension, startCodeServer } = require('../test/harness/codeServer');

function run(what, command, args) {
  process.stdout.write(`[start] ${what} ... `);
  const t0 = Date.now();
  const r = spawnSync(command, args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  console.log(`done (${Date.now() - t0} ms)`);
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'conflict-annotator-start-'));
  const workspace = path.join(tmp, 'workspace');
  let server;
  const cleanup = async () => {
    if (server) await server.stop();
    if (process.env.CONFLICT_ANNOTATOR_KEEP === '1') console.log(`[start] kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  };
  try {
    run('build', process.execPath, [path.join(REPO_ROOT, 'esbuild.mjs'), '--production']);
    const vsix = path.join(tmp, 'conflict-annotator.vsix');
    process.stdout.write('[start] package ... ');
    packageExtension(REPO_ROOT, vsix);
    console.log('done');
    const userDataDir = path.join(tmp, 'user-data');
    const extensionsDir = path.join(tmp, 'extensions');
    process.stdout.write('[start] install into code-server ... ');
    installExtension({ vsix, userDataDir, extensionsDir, tmp });
    console.log('done');
    // a fresh copy every run: annotate freely, nothing in the repository changes
    fs.cpSync(path.join(REPO_ROOT, 'media', 'samples', 'articles'), path.join(workspace, 'articles'), { recursive: true });
    server = await startCodeServer({
      userDataDir, extensionsDir, tmp, port: Number(process.env.PORT) || undefined,
      // VS Code's own default theme and hover delay, not the ones the tests pin
      settings: { 'workbench.colorTheme': 'Default Dark Modern', 'editor.hover.delay': 300 },
    });
    const url = `http://${server.authority}/?folder=${encodeURIComponent(workspace)}`;
    console.log(`\n  Conflict Annotator is running in code-server. Open this in a browser:\n\n    ${url}\n`);
    console.log(`  Workspace (a fresh copy of the sample articles): ${workspace}`);
    console.log('  Open an article (Ctrl+P, e.g. 000_db39f04dd305928f.txt), then Ctrl+Alt+Down / Ctrl+Alt+A / Ctrl+Alt+R to review.');
    console.log('  Press Ctrl+C to stop.\n');
  } catch (err) {
    console.error(`[start] ${err.message}`);
    await cleanup();
    process.exit(1);
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\n[start] stopping code-server');
    await cleanup();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const code = await server.exited;
  if (!stopping) {
    console.error(`[start] code-server exited (${code}):\n${server.logTail()}`);
    await cleanup();
    process.exit(1);
  }
}

main();
