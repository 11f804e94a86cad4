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

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');
const { launchChromium, startCodeServer } = require('./codeServer');

const TIMEOUT_MS = Number(process.env.EXT_TEST_TIMEOUT_MS || 600_000);
const VERBOSE = process.env.HARNESS_VERBOSE === '1';
let timedOut = false;

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

function workbenchQuery(positional) {
  const target = positional.length ? path.resolve(positional[positional.length - 1]) : undefined;
  if (!target) return '';
  if (target.endsWith('.code-workspace')) return `workspace=${encodeURIComponent(target)}`;
  const isDir = fs.existsSync(target) && fs.statSync(target).isDirectory();
  return `folder=${encodeURIComponent(isDir ? target : path.dirname(target))}`;
}

// Workbench chatter forwarded through codeAutomationLog on every run; shown only with HARNESS_VERBOSE=1.
const NOISE = [
  /^Ignoring fetching additional builtin extensions from gallery/,
  /^Creating a socket \(/,
  /^Resolv(ing|ed) connection token/,
  /^\[Service Worker\] registered/,
  /^Updating additional builtin extensions cache/,
  /^ChatSessionStore: /,
];

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

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-code-server-'));
  const userDataDir = opts.userDataDir || path.join(tmp, 'user-data');
  const extensionsDir = opts.extensionsDir || path.join(tmp, 'extensions');

  let server;
  let browser;
  let cleanedUp = false;
  let cleanupDone;
  // Memoised so every caller (timeout, signal, finally) waits for the same complete shutdown.
  const cleanup = () => (cleanupDone ??= doCleanup());
  async function doCleanup() {
    cleanedUp = true;
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
    if (process.env.HARNESS_KEEP_TMP === '1') console.log(`[shim] temp dir kept: ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
  const dumpServerLog = () => { if (server) console.error(`[shim] code-server log (tail):\n${server.logTail()}`); };

  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      console.error(`[shim] ${sig}: stopping`);
      cleanup().finally(() => process.exit(130));
    });
  }
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => {
      timedOut = true;
      console.error(`[shim] TIMEOUT: extension tests did not finish within ${TIMEOUT_MS} ms (EXT_TEST_TIMEOUT_MS)`);
      dumpServerLog();
      resolve(124);
    }, TIMEOUT_MS);
  });

  const work = runWorkbench();
  work.catch(() => {}); // after a timeout its failure (browser closed under it) is expected noise
  try {
    return await Promise.race([work, timeout]);
  } catch (err) {
    dumpServerLog();
    throw err;
  } finally {
    clearTimeout(timer);
    await cleanup();
  }

  async function runWorkbench() {
    server = await startCodeServer({ userDataDir, extensionsDir, tmp, verbose: VERBOSE, onSpawn: (h) => { server = h; } });
    const { authority } = server;
    browser = await launchChromium(tmp);
    if (cleanedUp) {
      // Shutdown (timeout or signal) happened while Chromium was starting.
      await browser.close().catch(() => {});
      throw new Error('stopped before the workbench opened');
    }
    const page = await browser.newPage();

    let resolveExit;
    const exited = new Promise((r) => { resolveExit = r; });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = formatLog(args);
      if (!VERBOSE && NOISE.some((re) => re.test(line))) return;
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

    return await Promise.race([
      exited,
      server.exited.then((c) => {
        if (cleanedUp) return 1; // our own shutdown after a timeout or signal
        dumpServerLog();
        console.error(`[shim] code-server exited during the test run (${c})`);
        return 1;
      }),
    ]);
  }
}

// After a timeout, whatever main() settles with, the exit code is 124.
main().then(
  (code) => process.exit(timedOut ? 124 : code),
  (err) => {
    if (timedOut) process.exit(124);
    console.error(`[shim] ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  },
);
