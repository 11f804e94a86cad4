/**
 * A writer process for the concurrent-save stress test (bundled and spawned by concurrentSaves.test.ts).
 *
 * `editor DIR`: like the extension, for each document named in DIR/order.json in turn (announced in
 * DIR/current), keeps the state of its last save and decides one suggestion per save (accept, or reject one in
 * five) every ~10 ms; prints each decision as a JSON line once its save has resolved. A document without a
 * sidecar is decided on the editor's own detection, so its first save (a decision) races annotate's create.
 * `annotate DIR`: like `annotate` in a loop: load, re-detect and merge, save the announced document, until the
 * editor writes "done". Prints the number of saves.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SidecarStore, type LoadedSidecar } from '../../../src/core/sidecar/sidecarStore';
import { annotateDocument } from '../../../src/core/review/annotateDocument';
import { acceptItem, rejectItem } from '../../../src/core/review/mergeSuggestions';
import { defaultGazetteer } from '../../../src/core/gazetteer/defaultGazetteer';
import { prng } from '../prng';
import { blockingReadFileSystem, nodeFileSystem } from '../../../src/node/nodeFileSystem';
import type { Sidecar } from '../../../src/core/model';

const [mode, dir] = process.argv.slice(2);
// as each side runs for real: the editor on the asynchronous port, the command line on the blocking one
const store = new SidecarStore(mode === 'annotate' ? blockingReadFileSystem : nodeFileSystem);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function editor(): Promise<void> {
  const gazetteer = defaultGazetteer(undefined);
  const order = JSON.parse(readFileSync(join(dir, 'order.json'), 'utf8')) as string[];
  const random = prng(7);
  let saves = 0;
  for (const doc of order) {
    await nodeFileSystem.writeFileAtomic(join(dir, 'current'), new TextEncoder().encode(doc));
    let state: LoadedSidecar = await store.load(join(dir, doc));
    // no sidecar yet: the editor decides about the suggestions it detected itself, and its first save (with
    // that decision) races annotate creating the file with the same suggestions
    let sidecar: Sidecar = state.base ? state.sidecar! : annotateDocument(state.sidecar!, state.text, state.sha256, gazetteer).sidecar;
    // an item decided once is never decided again: a decision the save lost stays visible at the end
    const decided = new Set<string>();
    for (;;) {
      const open = [...sidecar.mentions, ...sidecar.attributions].filter((x) => x.status === 'suggested' && !decided.has(x.id));
      if (open.length === 0) break;
      const item = open[Math.floor(random() * open.length)];
      const reject = random() < 0.2;
      decided.add(item.id);
      const next = reject ? rejectItem(sidecar, item.id) : acceptItem(sidecar, item.id);
      const r = await store.save(state, next);
      saves++;
      state = r.loaded;
      sidecar = r.loaded.sidecar!;
      const m = 'label' in item ? item : undefined;
      process.stdout.write(`${JSON.stringify({ doc, id: item.id, decision: reject ? 'reject' : 'accept', label: m?.label, start: 'cue' in item ? item.cue.start : item.start })}\n`);
      await sleep(5 + random() * 10);
    }
  }
  await nodeFileSystem.writeFileAtomic(join(dir, 'current'), new TextEncoder().encode('done'));
  process.stderr.write(`editor saves ${saves}\n`);
}

async function annotate(): Promise<void> {
  const gazetteer = defaultGazetteer(undefined);
  let saves = 0;
  for (;;) {
    const doc = readFileSync(join(dir, 'current'), 'utf8');
    if (doc === 'done') break;
    const loaded = await store.load(join(dir, doc));
    if (!loaded.sidecar) throw new Error(`${doc}: ${loaded.problems.map((p) => p.message).join('; ')}`);
    const result = annotateDocument(loaded.sidecar, loaded.text, loaded.sha256, gazetteer);
    await store.save(loaded, result.sidecar);
    saves++;
  }
  process.stdout.write(`${saves}\n`);
}

(mode === 'editor' ? editor() : annotate()).catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
