/** Entity, attribution and event cards on hover. Markdown from documents is escaped and never trusted. */
import * as vscode from 'vscode';
import { annotationsAt, entityUse } from '../core/review/annotationQueries';
import { attributionCard, entityCard, eventCard } from '../core/review/cards';
import type { Gazetteer } from '../core/gazetteer/gazetteer';
import type { AnnotationService } from './annotationService';
import type { WorkspaceIndex } from './workspaceIndex';

export class AnnotationHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly service: AnnotationService,
    private readonly gazetteer: () => Promise<Gazetteer>,
    private readonly index: WorkspaceIndex,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const state = await this.service.open(document);
    if (!state?.sidecar) return undefined;
    const offset = state.index.toCodePoint(document.offsetAt(position));
    const found = annotationsAt(state.sidecar, offset);
    if (found.length === 0) return undefined;
    const gazetteer = await this.gazetteer();
    const parts: string[] = [];
    let range: vscode.Range | undefined;
    for (const a of found.slice(0, 3)) {
      if (a.kind === 'mention') {
        const entity = a.item.entity ? gazetteer.get(a.item.entity) : undefined;
        // other documents as saved on disk (from the index, without waiting for it), this one as it is in the editor
        const elsewhere = a.item.entity ? this.index.countOf(a.item.entity, document.uri) : undefined;
        const use = entityUse(state.sidecar, a.item.entity ?? '');
        const workspaceCount = elsewhere !== undefined ? elsewhere + use.mentions.length : undefined;
        parts.push(entityCard({ mention: a.item, entity, use, workspaceCount }));
        range ??= new vscode.Range(document.positionAt(state.index.toUtf16(a.item.start)), document.positionAt(state.index.toUtf16(a.item.end)));
      } else if (a.kind === 'attribution') {
        parts.push(attributionCard(a.item));
      } else {
        parts.push(eventCard(a.item, state.sidecar));
      }
    }
    const markdown = new vscode.MarkdownString(parts.join('\n\n---\n\n'));
    markdown.isTrusted = false;
    markdown.supportHtml = false;
    markdown.supportThemeIcons = false;
    return new vscode.Hover(markdown, range);
  }
}
