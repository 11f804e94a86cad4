#!/usr/bin/env node
'use strict';
// A stand-in "VS Code executable" for @vscode/test-electron's runTests (vscodeExecutablePath).
// Desktop VS Code cannot be downloaded here, so this starts code-server (the same VS Code, served to a
// browser), opens the workbench in headless Chromium with the extension-test payload, and exits with the
// code the workbench reports through window.codeAutomationExit once the extension host's run() settles.
//
// Accepted arguments (the ones runTests passes; others are ignored):
//   --extensionDevelopmentPath=P (repeatable)  --extensionTestsPath=T  --user-data-dir=D  --extensions-dir=E
//   positional: a folder to open (a file opens its folder; a *.code-workspace opens as a workspace)
// Environment:
//   EXT_TEST_TIMEOUT_MS   whole-run deadline (default 600000); on expiry exits 124
//   CODE_SERVER_BIN       code-server executable (default: the project's node_modules/.bin/code-server)
//   CHROMIUM_PATH         browser executable (default /usr/bin/chromium)
//   HARNESS_VERBOSE=1     echo code-server's own log and browser console errors
//   HARNESS_KEEP_TMP=1    keep the temp dir (server log, XDG dirs) for inspection

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const TIMEOUT_MS = Number(process.env.EXT_TEST_TIMEOUT_MS || 600_000);
const CODE_SERVER_BIN = process.env.CODE_SERVER_BIN || path.join(REPO_ROOT, 'node_modules', '.bin', 'code-server');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const VERBOSE = process.env.HARNESS_VERBOSE === '1';

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

function parseArgs(argv) {
  const out = { devPaths: [], testsPath: undefined, userDataDir: undefined, extensionsDir: undefined, positional: [] };
  const valued = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      out.positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const key = eq >= 0 ? a.slice(2, eq) : a.slice(2);
    let value = eq >= 0 ? a.slice(eq + 1) : undefined;
    if (!valued.has(key)) continue; // --no-sandbox, --disable-updates, ... mean nothing to code-server
    if (value === undefined) value = argv[++i];
    if (value === undefined) throw new Error(`missing value for --${key}`);
    if (key === 'extensionDevelopmentPath') out.devPaths.push(path.resolve(value));
    else if (key === 'extensionTestsPath') out.testsPath = path.resolve(value);
    else if (key === 'user-data-dir') out.userDataDir = path.resolve(value);
    else if (key === 'extensions-dir') out.extensionsDir = path.resolve(value);
  }
  return out;
}

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

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function writeSettings(userDataDir) {
  const file = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let existing = {};
  try {
    existing = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    // absent or not plain JSON: ours replace it
  }
  fs.writeFileSync(file, JSON.stringify({ ...existing, ...SETTINGS }, null, 2));
}

function workbenchQuery(positional) {
  const target = positional.length ? path.resolve(positional[positional.length - 1]) : undefined;
  if (!target) return '';
  if (target.endsWith('.code-workspace')) return `workspace=${encodeURIComponent(target)}`;
  const isDir = fs.existsSync(target) && fs.statSync(target).isDirectory();
  return `folder=${encodeURIComponent(isDir ? target : path.dirname(target))}`;
}

/** The workbench forwards console calls as (type, args[]); the first arg may be a printf-style format. */
function formatLog(args) {
  if (!Array.isArray(args)) return String(args);
  if (args.length === 0) return '';
  return util.format(...args);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!opts.testsPath) throw new Error('--extensionTestsPath is required');
  if (opts.devPaths.length === 0) throw new Error('--extensionDevelopmentPath is required');
  if (!fs.existsSync(CODE_SERVER_BIN)) {
    throw new Error(`code-server not found at ${CODE_SERVER_BIN} (run .ci/setup or npm ci)`);
  }

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-code-server-'));
  const userDataDir = opts.userDataDir || path.join(tmp, 'user-data');
  const extensionsDir = opts.extensionsDir || path.join(tmp, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  writeSettings(userDataDir);

  let server;
  let browser;
  let cleanedUp = false;
  const serverLogPath = path.join(tmp, 'code-server.log');
  const serverLog = fs.openSync(serverLogPath, 'a');

  async function cleanup() {
    if (cleanedUp) return;
    cleanedUp = true;
    if (browser) await browser.close().catch(() => {});
    if (server && server.exitCode === null && server.signalCode === null) {
      // The server was started in its own process group; this also reaches the extension host it forked.
      try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
      const deadline = Date.now() + 3000;
      while (Date.now() < deadline && server.exitCode === null && server.signalCode === null) await sleep(50);
      try { process.kill(-server.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    fs.closeSync(serverLog);
    if (process.env.HARNESS_KEEP_TMP === '1') console.log(`[shim] temp dir kept: ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }

  function dumpServerLog() {
    try {
      const text = fs.readFileSync(serverLogPath, 'utf8');
      console.error(`[shim] code-server log (last 4000 chars):\n${text.slice(-4000)}`);
    } catch { /* nothing logged */ }
  }

  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      console.error(`[shim] ${sig}: stopping`);
      cleanup().finally(() => process.exit(130));
    });
  }

  let exitCode;
  const timer = setTimeout(async () => {
    console.error(`[shim] TIMEOUT: extension tests did not finish within ${TIMEOUT_MS} ms (EXT_TEST_TIMEOUT_MS)`);
    dumpServerLog();
    await cleanup();
    process.exit(124);
  }, TIMEOUT_MS);

  try {
    const port = await freePort();
    const authority = `127.0.0.1:${port}`;
    server = spawn(
      CODE_SERVER_BIN,
      [
        '--bind-addr', authority, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
        '--disable-workspace-trust', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
      ],
      {
        detached: true,
        stdio: ['ignore', VERBOSE ? 'inherit' : serverLog, VERBOSE ? 'inherit' : serverLog],
        env: {
          ...process.env,
          // Keeps code-server's config.yaml and logs out of the home directory.
          XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
          XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
          // Turns off the open-vsx marketplace, which is unreachable offline.
          EXTENSIONS_GALLERY: '{}',
        },
      },
    );
    const serverExited = new Promise((resolve) => server.on('exit', (code, signal) => resolve(code ?? signal)));

    const healthDeadline = Date.now() + 60_000;
    for (;;) {
      if (server.exitCode !== null || server.signalCode !== null) {
        dumpServerLog();
        throw new Error(`code-server exited early (${server.exitCode ?? server.signalCode})`);
      }
      if ((await httpStatus(`http://${authority}/healthz`)) === 200) break;
      if (Date.now() > healthDeadline) {
        dumpServerLog();
        throw new Error('code-server did not answer /healthz within 60 s');
      }
      await sleep(100);
    }

    const { chromium } = require(path.join(REPO_ROOT, 'node_modules', 'playwright-core'));
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      // Chromium writes crash-report folders under XDG_CONFIG_HOME; keep them in our temp dir.
      env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'), XDG_CACHE_HOME: path.join(tmp, 'xdg-cache') },
    });
    const page = await browser.newPage();

    let resolveExit;
    const exited = new Promise((r) => { resolveExit = r; });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = formatLog(args);
      if (type === 'error') console.error(line);
      else console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code) => {
      resolveExit(typeof code === 'number' ? code : 1);
    });
    page.on('pageerror', (err) => { if (VERBOSE) console.error(`[browser] ${err.message}`); });
    page.on('console', (msg) => {
      if (VERBOSE && msg.type() === 'error') console.error(`[browser] ${msg.text()}`);
    });
    page.on('crash', () => {
      console.error('[shim] the workbench page crashed');
      resolveExit(1);
    });

    const remote = (p) => `vscode-remote://${authority}${p.split(path.sep).map(encodeURIComponent).join('/')}`;
    const payload = [
      ...opts.devPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
      ['extensionTestsPath', remote(opts.testsPath)],
    ];
    const query = [workbenchQuery(opts.positional), `payload=${encodeURIComponent(JSON.stringify(payload))}`]
      .filter(Boolean).join('&');
    const url = `http://${authority}/?${query}`;
    if (VERBOSE) console.log(`[shim] opening ${url}`);
    await page.goto(url);

    exitCode = await Promise.race([
      exited,
      serverExited.then((c) => {
        if (cleanedUp) return 1; // our own shutdown after a timeout or signal
        dumpServerLog();
        console.error(`[shim] code-server exited during the test run (${c})`);
        return 1;
      }),
    ]);
  } finally {
    clearTimeout(timer);
    await cleanup();
  }
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[shim] ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  },
);
