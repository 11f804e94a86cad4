// Mocha entry loaded by the extension host (--extensionTestsPath): runs every bundled *.test.js beside it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

interface TestOutcome {
  title: string;
  error?: string;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false, ...(process.env.INTEGRATION_GREP ? { grep: new RegExp(process.env.INTEGRATION_GREP) } : {}) });
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  const passed: TestOutcome[] = [];
  const failed: TestOutcome[] = [];
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        writeResults(runner.stats, passed, failed, files);
        if (failures > 0) reject(new Error(`${failures} tests failed.`));
        else resolve();
      });
      runner.on('pass', (t) => passed.push({ title: t.fullTitle() }));
      runner.on('fail', (t, err: unknown) => {
        failed.push({ title: t.fullTitle(), error: err instanceof Error ? err.stack ?? err.message : String(err) });
      });
    } catch (err) {
      reject(err);
    }
  });
}

/** The runner outside the extension host reads this to report results (the exit code alone carries no titles). */
function writeResults(stats: Mocha.Stats | undefined, passed: TestOutcome[], failed: TestOutcome[], files: string[]): void {
  const file = process.env.HARNESS_RESULT_FILE;
  if (!file) return;
  fs.writeFileSync(file, JSON.stringify({ stats, files, passed, failed }, null, 2));
}
