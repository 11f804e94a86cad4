/**
 * Every id the extension shares with package.json: commands, settings, views, the language and semantic token
 * legend. No vscode import, so a unit test can check package.json against this table.
 */
export const EXTENSION_ID = 'conflict-annotator.conflict-annotator';
export const LANGUAGE_ID = 'conflict-text';
export const CATEGORY = 'Conflict Annotator';

export const COMMANDS = {
  annotateFile: { id: 'conflictAnnotator.annotateFile', title: 'Annotate This File' },
  tagEvent: { id: 'conflictAnnotator.tagEvent', title: 'Tag as Event…' },
  tagActor: { id: 'conflictAnnotator.tagActor', title: 'Tag as Actor' },
  tagPlace: { id: 'conflictAnnotator.tagPlace', title: 'Tag as Place' },
  acceptSuggestion: { id: 'conflictAnnotator.acceptSuggestion', title: 'Accept Suggestion' },
  rejectSuggestion: { id: 'conflictAnnotator.rejectSuggestion', title: 'Reject Suggestion' },
  acceptAll: { id: 'conflictAnnotator.acceptAll', title: 'Accept All Suggestions in Document' },
  removeAnnotation: { id: 'conflictAnnotator.removeAnnotation', title: 'Remove Annotation' },
  annotateAllOccurrences: { id: 'conflictAnnotator.annotateAllOccurrences', title: 'Annotate All Occurrences of This Text…' },
  addAlias: { id: 'conflictAnnotator.addAlias', title: 'Add as Alias of an Entity…' },
  exportTrainingData: { id: 'conflictAnnotator.exportTrainingData', title: 'Export Training Data…' },
  showStatistics: { id: 'conflictAnnotator.showStatistics', title: 'Show Corpus Statistics' },
  markReviewed: { id: 'conflictAnnotator.markReviewed', title: 'Mark Document Reviewed' },
  openGazetteer: { id: 'conflictAnnotator.openGazetteer', title: 'Open Gazetteer' },
  openSample: { id: 'conflictAnnotator.openSample', title: 'Open a Sample Article' },
  reveal: { id: 'conflictAnnotator.reveal', title: 'Reveal Annotation' },
  reattachOrphan: { id: 'conflictAnnotator.reattachOrphan', title: 'Re-attach Orphaned Annotation to Selection' },
  deleteOrphan: { id: 'conflictAnnotator.deleteOrphan', title: 'Delete Orphaned Annotation' },
  refreshTree: { id: 'conflictAnnotator.refreshTree', title: 'Refresh Annotations' },
  undoAnnotation: { id: 'conflictAnnotator.undoAnnotation', title: 'Undo Annotation Change' },
  redoAnnotation: { id: 'conflictAnnotator.redoAnnotation', title: 'Redo Annotation Change' },
  nextSuggestion: { id: 'conflictAnnotator.nextSuggestion', title: 'Go to Next Suggestion' },
  previousSuggestion: { id: 'conflictAnnotator.previousSuggestion', title: 'Go to Previous Suggestion' },
  nextAnnotation: { id: 'conflictAnnotator.nextAnnotation', title: 'Go to Next Annotation' },
  previousAnnotation: { id: 'conflictAnnotator.previousAnnotation', title: 'Go to Previous Annotation' },
  acceptAndNext: { id: 'conflictAnnotator.acceptAndNext', title: 'Accept Suggestion and Go to Next' },
  rejectAndNext: { id: 'conflictAnnotator.rejectAndNext', title: 'Reject Suggestion and Go to Next' },
  changeLabel: { id: 'conflictAnnotator.changeLabel', title: 'Change Label (Actor ↔ Place)' },
  changeEventType: { id: 'conflictAnnotator.changeEventType', title: 'Change Event Type…' },
  changeEventRole: { id: 'conflictAnnotator.changeEventRole', title: 'Change Event Role…' },
  filterAnnotations: { id: 'conflictAnnotator.filterAnnotations', title: 'Filter Annotations…' },
  settleConflict: { id: 'conflictAnnotator.settleConflict', title: 'Settle Merge Conflict' },
  nextConflict: { id: 'conflictAnnotator.nextConflict', title: 'Settle the Next Conflict…' },
  resolveMarkers: { id: 'conflictAnnotator.resolveMarkers', title: 'Merge Sidecar with Conflict Markers by Item' },
  setupGit: { id: 'conflictAnnotator.setupGit', title: 'Set Up Git to Merge Sidecars' },
  curate: { id: 'conflictAnnotator.curate', title: 'Curate Against Another Annotator’s Version…' },
  showAgreement: { id: 'conflictAnnotator.showAgreement', title: 'Show Agreement Report…' },
  openDisagreement: { id: 'conflictAnnotator.openDisagreement', title: 'Open Both Versions of a Disagreement' },
} as const;

export type CommandKey = keyof typeof COMMANDS;

/** Commands that take arguments from code (code actions, tree items) and stay out of the palette. */
export const INTERNAL_COMMANDS: ReadonlySet<CommandKey> = new Set(['reveal', 'reattachOrphan', 'deleteOrphan', 'settleConflict', 'openDisagreement']);

export const SETTINGS_SECTION = 'conflictAnnotator';
export const SETTINGS = {
  articleGlobs: 'articleGlobs',
  autoDetect: 'autoDetect',
  maxDetectionSizeMB: 'maxDetectionSizeMB',
  includeSuggestionsInExport: 'includeSuggestionsInExport',
  exportFolder: 'exportFolder',
  annotator: 'annotator',
} as const;

export const VIEWS = { annotations: 'conflictAnnotator.annotations' } as const;

/** Context keys the extension sets (setContext) for `when` clauses of keybindings and menus. */
export const CONTEXT_KEYS = {
  /** The latest change in the active article was an annotation action that Ctrl+Z can take back. */
  canUndoAnnotation: 'conflictAnnotator.canUndoAnnotation',
  /** An undone annotation action is the latest change: Ctrl+Shift+Z redoes it. */
  canRedoAnnotation: 'conflictAnnotator.canRedoAnnotation',
  /** The active editor is an article with suggestions left to review. */
  review: 'conflictAnnotator.review',
  /** The cursor or selection is on a suggestion. */
  atSuggestion: 'conflictAnnotator.atSuggestion',
  /** The cursor or selection is on an annotation of any kind. */
  atAnnotation: 'conflictAnnotator.atAnnotation',
} as const;

export const TOKEN_TYPES = ['actor', 'place', 'civilian', 'attributionSource', 'attributionCue'] as const;
export const TOKEN_MODIFIERS = ['suggested', 'accepted', 'anonymous', 'named', 'orphan'] as const;

export const DIAGNOSTIC_SOURCE = 'conflict-annotator';
/** Diagnostic codes a quick fix attaches to. */
export const DIAGNOSTIC_CODES = { orphan: 'orphan', sidecar: 'sidecar', stale: 'stale', conflict: 'conflict', conflictMarkers: 'conflict-markers', eventCoding: 'event-coding' } as const;
