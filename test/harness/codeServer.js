'use strict';
// Starting and stopping code-server and headless Chromium, shared by codeServerShim.js and test/ui/uiCheck.js.

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CODE_SERVER_BIN = process.env.CODE_SERVER_BIN || path.join(REPO_ROOT, 'node_modules', '.bin', 'code-server');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Without these the welcome page steals focus, trust prompts block, and update/marketplace checks hit the network.
const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'editor.hover.delay': 100,
  'workbench.colorTheme': 'Default Light+',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => req.destroy());
  });
}

/** Merges our settings over any existing user settings.json in the profile. */
function writeSettings(userDataDir, extra = {}) {
  const file = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let existing = {};
  try {
    existing = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    // absent or not plain JSON: ours replace it
  }
  fs.writeFileSync(file, JSON.stringify({ ...existing, ...SETTINGS, ...extra }, null, 2));
}

function serverEnv(tmp) {
  // The extension falls back to `git config user.name` for who decided: give the run its own identity, never the machine's.
  const gitConfig = path.join(tmp, 'gitconfig');
  if (!fs.existsSync(gitConfig)) fs.writeFileSync(gitConfig, '[user]\n\tname = UI check\n\temail = ui-check@example.invalid\n');
  return {
    ...process.env,
    GIT_CONFIG_GLOBAL: gitConfig,
    GIT_CONFIG_NOSYSTEM: '1',
    // Keeps code-server's config.yaml and logs out of the home directory.
    XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
    XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
    // Turns off the open-vsx marketplace, which is unreachable offline.
    EXTENSIONS_GALLERY: '{}',
  };
}

function assertCodeServer() {
  if (!fs.existsSync(CODE_SERVER_BIN)) {
    throw new Error(`code-server not found at ${CODE_SERVER_BIN} (run .ci/setup or npm ci)`);
  }
}

/** `vsce package` of the extension folder into `vsix` (the build in dist/ must be there). Returns vsce's last line. */
function packageExtension(extensionPath, vsix) {
  const vsce = path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
  // This package is only installed locally, so README links need no rewriting (the repository URL is not a
  // GitHub/GitLab one, which vsce would otherwise need to rewrite them).
  const args = ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', vsix];
  const r = spawnSync(vsce, args, { cwd: extensionPath, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0 || !fs.existsSync(vsix)) throw new Error(`vsce package failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  return `${r.stdout}`.trim().split('\n').pop();
}

/** `code-server --install-extension` into the given profile; throws with code-server's output on failure. */
function installExtension({ vsix, userDataDir, extensionsDir, tmp }) {
  assertCodeServer();
  const r = spawnSync(
    CODE_SERVER_BIN,
    ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix],
    { env: serverEnv(tmp), encoding: 'utf8' },
  );
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0 || !/successfully installed/i.test(out)) {
    throw new Error(`installing ${path.basename(vsix)} failed (exit ${r.status}):\n${out}`);
  }
  return out.trim();
}

/**
 * Starts code-server on a free port in its own process group, waits for /healthz.
 * Returns { authority, exited (promise of exit code/signal), stop(), logTail() }. `onSpawn` receives the same
 * handle before the health check, so a caller's shutdown can stop a server that is still starting.
 */
async function startCodeServer({ userDataDir, extensionsDir, tmp, verbose = false, onSpawn, port: fixedPort, settings = {} }) {
  assertCodeServer();
  fs.mkdirSync(extensionsDir, { recursive: true });
  writeSettings(userDataDir, settings);
  const port = fixedPort || (await freePort());
  const authority = `127.0.0.1:${port}`;
  const logPath = path.join(tmp, 'code-server.log');
  const logFd = fs.openSync(logPath, 'a');
  const child = spawn(
    CODE_SERVER_BIN,
    [
      '--bind-addr', authority, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
      '--disable-workspace-trust', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    ],
    { detached: true, stdio: ['ignore', verbose ? 'inherit' : logFd, verbose ? 'inherit' : logFd], env: serverEnv(tmp) },
  );
  fs.closeSync(logFd);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  const running = () => child.exitCode === null && child.signalCode === null;

  const logTail = (chars = 4000) => {
    try {
      return fs.readFileSync(logPath, 'utf8').slice(-chars);
    } catch {
      return '(no code-server log)';
    }
  };

  async function stop() {
    if (!running()) return;
    // The server runs in its own process group; this also reaches the extension hosts it forked.
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline && running()) await sleep(50);
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
  }

  const handle = { authority, exited, stop, logTail, pid: child.pid };
  if (onSpawn) onSpawn(handle);

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (!running()) throw new Error(`code-server exited early (${child.exitCode ?? child.signalCode}):\n${logTail()}`);
    if ((await httpStatus(`http://${authority}/healthz`)) === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer /healthz within 60 s:\n${logTail()}`);
    }
    await sleep(100);
  }
  return handle;
}

async function launchChromium(tmp) {
  const { chromium } = require(path.join(REPO_ROOT, 'node_modules', 'playwright-core'));
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    // Chromium writes crash-report folders under XDG_CONFIG_HOME; keep them in our temp dir.
    env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'), XDG_CACHE_HOME: path.join(tmp, 'xdg-cache') },
  });
}

module.exports = { REPO_ROOT, SETTINGS, sleep, freePort, writeSettings, packageExtension, installExtension, startCodeServer, launchChromium };
