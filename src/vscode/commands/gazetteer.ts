/** The workspace gazetteer: add a spelling to an entity, open (or create) the file. */
import * as vscode from 'vscode';
import { join } from 'node:path';
import { addAliasToGazetteerYaml, GAZETTEER_FILE } from '../../core/gazetteer/gazetteerFile';
import type { CommandDeps } from './commandDeps';
import { resolveTarget, workspaceRoot, type Target } from './documentTarget';

export async function addAlias(deps: CommandDeps, target?: Target, entityId?: string): Promise<void> {
  const { state, target: t } = await resolveTarget(deps.service, target, false);
  const alias = state.index.slice(t.start, t.end).trim();
  if (!alias) throw new Error('select the spelling to add');
  const gazetteer = await deps.gazetteer();
  let entity = entityId ? gazetteer.get(entityId) : undefined;
  if (!entity) {
    const seen = new Set(state.sidecar.mentions.map((m) => m.entity).filter((x): x is string => !!x));
    // actors and countries, and the places this article names (not every GeoNames place: tens of thousands)
    const candidates = [...gazetteer.entities({ geoNames: false })].filter((e) => seen.has(e.id) || e.label === 'ACTOR' || e.kind === 'country');
    for (const id of seen) {
      const e = gazetteer.get(id);
      if (e && !candidates.includes(e)) candidates.push(e);
    }
    const pick = await vscode.window.showQuickPick(
      candidates.map((e) => ({ label: e.name, description: `${e.id} · ${e.kind}`, id: e.id })),
      { title: `Add "${alias}" as a spelling of…`, matchOnDescription: true },
    );
    if (!pick) return;
    entity = gazetteer.get(pick.id);
  }
  if (!entity) return;
  if (!vscode.workspace.isTrusted) throw new Error('the workspace gazetteer is not written in restricted mode; trust the workspace first');
  const file = join(workspaceRoot().fsPath, GAZETTEER_FILE);
  const existing = (await deps.fs.stat(file)) ? new TextDecoder().decode(await deps.fs.readFile(file)) : '';
  await deps.fs.writeFileAtomic(file, new TextEncoder().encode(addAliasToGazetteerYaml(existing, entity, alias)));
  deps.reloadGazetteer();
  await deps.service.refreshAll();
  vscode.window.setStatusBarMessage(`"${alias}" added to ${entity.name} in ${GAZETTEER_FILE}`, 4000);
}

export async function openGazetteer(deps: CommandDeps): Promise<void> {
  const file = join(workspaceRoot().fsPath, GAZETTEER_FILE);
  if (!(await deps.fs.stat(file))) {
    const template = '# Entities and spellings for this workspace; they add to and win over the built-in gazetteer.\n# kinds: person, organisation, armed_group, state_force, government, media, igo_ngo, group, country, admin_area, city, facility, region\nentities: []\n';
    await deps.fs.writeFileAtomic(file, new TextEncoder().encode(template));
  }
  await vscode.window.showTextDocument(vscode.Uri.file(file));
}
