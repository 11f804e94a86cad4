/**
 * The editor's side of learned suggestions: after a person's decision is written to a sidecar, the workspace file
 * `conflict-learned.yaml` learns it (and is saved), and the names it newly accepts join the live gazetteer, so
 * the next article opened is suggested them without a reload. Reads the file once, on first use; only a file the
 * workspace already has is updated, and one that does not parse is never overwritten.
 */
import type { FileSystem } from '../ports';
import type { Sidecar } from '../model';
import type { FileProblem } from '../problem';
import type { Gazetteer } from '../gazetteer/gazetteer';
import { loadLearnedFile, saveLearnedFile } from './learnedFile';
import { learnedEntities, learnFromSidecar, type LearnedModel } from './learnedSuggestions';

export class WorkspaceLearner {
  private loading?: Promise<{ model: LearnedModel; writable: boolean }>;
  private current?: LearnedModel;

  constructor(
    private readonly fs: FileSystem,
    private readonly path: string,
    /** How a text path is recorded in the file (relative to the workspace). */
    private readonly documentKey: (textPath: string) => string,
    private readonly problem: (p: FileProblem) => void,
  ) {}

  /** The model once loaded (undefined before: detection then runs without suppression). */
  model(): LearnedModel | undefined {
    return this.current;
  }

  async load(): Promise<LearnedModel> {
    this.loading ??= loadLearnedFile(this.fs, this.path).then((r) => {
      for (const p of r.problems) this.problem(p);
      this.current = r.model;
      // the editor keeps a file the workspace has (created with `annotate --learned`); it creates none
      return { model: r.model, writable: r.writable && r.exists };
    });
    return (await this.loading).model;
  }

  /** Learns the decisions in `sidecar` of `textPath`; saves the file and extends `gazetteer` when they changed. */
  async record(textPath: string, sidecar: Sidecar, gazetteer?: Gazetteer): Promise<void> {
    await this.load();
    const { model, writable } = await this.loading!;
    if (!learnFromSidecar(model, this.documentKey(textPath), sidecar)) return;
    if (writable) await saveLearnedFile(this.fs, this.path, model);
    if (gazetteer) for (const e of learnedEntities(model, gazetteer)) if (!gazetteer.get(e.id)) gazetteer.add(e, 'workspace');
  }
}
