/**
 * The command handler table, typed by the id table in ids.ts so every command has exactly one handler. Each
 * handler reads the document state, asks the core for the change and hands it to AnnotationService.update,
 * which writes the sidecar; the handlers live in this folder by job (tagEvent, review, gazetteer, corpus).
 */
import * as vscode from 'vscode';
import type { MentionLabel } from '../../core/model';
import { acceptItem, rejectItem, removeItem } from '../../core/review/mergeSuggestions';
import { COMMANDS, type CommandKey } from '../ids';
import type { CommandDeps } from './commandDeps';
import type { Target } from './documentTarget';
import { tagEvent, type TagEventOptions } from './tagEvent';
import { changeEventRole, changeEventType } from './editEvent';
import type { EventRole } from '../../core/review/editEvent';
import { acceptAllIn, annotateAll, annotateFile, changeLabel, decideAndNext, goTo, itemCommand, markReviewed, reattachOrphan, reveal, tagMention, undoRedoAnnotation, type ItemArg, type TagOptions } from './review';
import { addAlias, openGazetteer } from './gazetteer';
import { exportTrainingData, showStatistics } from './corpus';
import { openSample } from './openSample';
import { curate, nextConflict, openDisagreement, resolveMarkers, settleConflict, setupGit, showAgreement } from './teams';
import type { AgreementSource } from '../agreementView';
import type { Settlement } from '../../core/review/settleConflict';

export type { CommandDeps } from './commandDeps';

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const guard = <A extends unknown[], R>(f: (...args: A) => Promise<R>) => async (...args: A): Promise<R | undefined> => {
    try {
      return await f(...args);
    } catch (e) {
      void vscode.window.showErrorMessage(`Conflict Annotator: ${(e as Error).message}`);
      deps.output.appendLine(`error: ${(e as Error).stack ?? e}`);
      return undefined;
    }
  };
  const handlers: Record<CommandKey, (...args: never[]) => unknown> = {
    annotateFile: guard((uri?: string) => annotateFile(deps, uri)),
    tagEvent: guard((target?: Target, options?: TagEventOptions) => tagEvent(deps, target, options)),
    tagActor: guard((target?: Target, options?: TagOptions) => tagMention(deps, 'ACTOR', target, options)),
    tagPlace: guard((target?: Target, options?: TagOptions) => tagMention(deps, 'PLACE', target, options)),
    // accepting gives the item its re-anchoring context, so it needs the text
    acceptSuggestion: guard(itemCommand(deps, (s, id, state) => acceptItem(s, id, state.index), 'Accept')),
    rejectSuggestion: guard(itemCommand(deps, (s, id, state) => rejectItem(s, id, state.index), 'Reject')),
    removeAnnotation: guard(itemCommand(deps, removeItem, 'Remove')),
    acceptAll: guard((uri?: string, ids?: string[]) => acceptAllIn(deps, uri, ids)),
    annotateAllOccurrences: guard((target?: Target, label?: MentionLabel) => annotateAll(deps, target, label)),
    addAlias: guard((target?: Target, entityId?: string) => addAlias(deps, target, entityId)),
    exportTrainingData: guard((format?: string, out?: string) => exportTrainingData(deps, format, out)),
    showStatistics: guard(() => showStatistics(deps)),
    markReviewed: guard((uri?: string) => markReviewed(deps, uri)),
    openGazetteer: guard(() => openGazetteer(deps)),
    openSample: guard((folder?: string) => openSample(deps, folder)),
    reveal: guard((uri: string, start: number, end: number) => reveal(uri, start, end)),
    reattachOrphan: guard((uriOrNode?: ItemArg, idArg?: string) => reattachOrphan(deps, uriOrNode, idArg)),
    deleteOrphan: guard(itemCommand(deps, removeItem, 'Delete')),
    refreshTree: guard(async () => {
      deps.refreshTree();
      await deps.service.refreshAll();
    }),
    undoAnnotation: guard((uri?: string) => undoRedoAnnotation(deps, -1, uri)),
    redoAnnotation: guard((uri?: string) => undoRedoAnnotation(deps, 1, uri)),
    nextSuggestion: guard(() => goTo(deps, 1, true)),
    previousSuggestion: guard(() => goTo(deps, -1, true)),
    nextAnnotation: guard(() => goTo(deps, 1, false)),
    previousAnnotation: guard(() => goTo(deps, -1, false)),
    acceptAndNext: guard(() => decideAndNext(deps, true)),
    rejectAndNext: guard(() => decideAndNext(deps, false)),
    changeLabel: guard((uriOrNode?: ItemArg, id?: string, to?: MentionLabel) => changeLabel(deps, uriOrNode, id, to)),
    changeEventType: guard((uriOrNode?: ItemArg, id?: string, type?: string, subtype?: string) => changeEventType(deps, uriOrNode, id, type, subtype)),
    changeEventRole: guard((uriOrNode?: ItemArg, id?: string, role?: EventRole, mention?: string | null) => changeEventRole(deps, uriOrNode, id, role, mention)),
    filterAnnotations: guard(() => deps.filterTree()),
    settleConflict: guard((uri?: string, id?: string, take?: Settlement) => settleConflict(deps, uri, id, take)),
    nextConflict: guard((uri?: string) => nextConflict(deps, uri)),
    resolveMarkers: guard((uri?: string) => resolveMarkers(deps, uri)),
    setupGit: guard((folder?: string) => setupGit(deps, folder)),
    curate: guard((uri?: string, ref?: string) => curate(deps, uri, ref)),
    showAgreement: guard((source?: AgreementSource) => showAgreement(deps, source)),
    openDisagreement: guard(async (index: number) => openDisagreement(index)),
  };
  return Object.entries(handlers).map(([key, handler]) => vscode.commands.registerCommand(COMMANDS[key as CommandKey].id, handler as (...args: unknown[]) => unknown));
}
