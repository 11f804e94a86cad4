/**
 * Entity, attribution and event cards on hover. Markdown from documents is escaped; the card is trusted for
 * nothing but the extension's own review commands (accept, reject, remove, change label), whose links are built
 * here with the item's id as a JSON argument, never from document text.
 */
import * as vscode from 'vscode';
import { annotationsAt, entityUse, type AnnotationAt } from '../core/review/annotationQueries';
import { attributionCard, entityCard, eventCard } from '../core/review/cards';
import type { Gazetteer } from '../core/gazetteer/gazetteer';
import { withGeoNames } from '../core/gazetteer/withGeoNames';
import type { AnnotationService } from './annotationService';
import type { WorkspaceIndex } from './workspaceIndex';
import { COMMANDS } from './ids';
import { timed } from './perf';

/** The only commands a hover card may run. */
export const HOVER_COMMANDS: readonly string[] = [COMMANDS.acceptSuggestion.id, COMMANDS.rejectSuggestion.id, COMMANDS.removeAnnotation.id, COMMANDS.changeLabel.id, COMMANDS.changeEventType.id, COMMANDS.changeEventRole.id];

const link = (title: string, command: string, args: unknown[]) => `[${title}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;

/** "Accept · Reject" for a suggestion, "Remove" otherwise; "Change to place" for a mention; an event's edits. */
function actions(a: AnnotationAt, uri: string): string {
  const id = a.item.id;
  const out = a.item.status === 'suggested'
    ? [link('Accept', COMMANDS.acceptSuggestion.id, [uri, id]), link('Reject', COMMANDS.rejectSuggestion.id, [uri, id])]
    : [link('Remove', COMMANDS.removeAnnotation.id, [uri, id])];
  if (a.kind === 'mention') out.push(link(a.item.label === 'ACTOR' ? 'Change to place' : 'Change to actor', COMMANDS.changeLabel.id, [uri, id]));
  if (a.kind === 'event') out.push(link('Change type…', COMMANDS.changeEventType.id, [uri, id]), link('Change a role…', COMMANDS.changeEventRole.id, [uri, id]));
  return out.join(' · ');
}

export class AnnotationHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly service: AnnotationService,
    private readonly gazetteer: () => Promise<Gazetteer>,
    private readonly index: WorkspaceIndex,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    return timed('hover', () => this.hover(document, position));
  }

  private async hover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const state = await this.service.open(document);
    if (!state?.sidecar) return undefined;
    const offset = state.index.toCodePoint(document.offsetAt(position));
    const found = annotationsAt(state.sidecar, offset);
    if (found.length === 0) return undefined;
    const gazetteer = await this.gazetteer();
    const uri = document.uri.toString();
    const parts: string[] = [];
    let range: vscode.Range | undefined;
    for (const a of found.slice(0, 3)) {
      if (a.kind === 'mention') {
        const known = a.item.entity ? gazetteer.get(a.item.entity) : undefined;
        const entity = known && withGeoNames(known, gazetteer);
        // other documents as saved on disk (from the index, without waiting for it), this one as it is in the
        // editor; only articles with a sidecar count
        const use = entityUse(state.sidecar, a.item.entity ?? '');
        const elsewhere = a.item.entity ? this.index.useOf(a.item.entity, document.uri) : undefined;
        const workspaceCount = elsewhere && use.mentions.length + elsewhere.mentions;
        const workspaceDocuments = elsewhere && { mentioning: (use.mentions.length > 0 ? 1 : 0) + elsewhere.documents, annotated: elsewhere.annotated + 1 };
        const workspaceBuilding = elsewhere ? undefined : this.index.building();
        parts.push(entityCard({ mention: a.item, entity, use, workspaceCount, workspaceDocuments, workspaceBuilding }));
        range ??= new vscode.Range(document.positionAt(state.index.toUtf16(a.item.start)), document.positionAt(state.index.toUtf16(a.item.end)));
      } else if (a.kind === 'attribution') {
        parts.push(attributionCard(a.item));
      } else {
        parts.push(eventCard(a.item, state.sidecar, (id) => gazetteer.get(id)));
      }
      parts[parts.length - 1] += `\n\n${actions(a, uri)}`;
    }
    const markdown = new vscode.MarkdownString(parts.join('\n\n---\n\n'));
    markdown.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    markdown.supportHtml = false;
    markdown.supportThemeIcons = false;
    return new vscode.Hover(markdown, range);
  }
}
