/**
 * ACLED event taxonomy (6 event types, 25 sub-event types, spelled exactly as ACLED spells them), a loader for a
 * workspace `conflict-taxonomy.yaml` that replaces or extends it, and keyword-based sub-type suggestions.
 * Keywords are plain words or phrases; nothing from a workspace file is ever compiled into a regular expression.
 */
import { isMap, isSeq, isScalar, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { Problem, ProblemCode } from '../problem';

export interface TaxonomySubtype {
  name: string;
  description?: string;
  keywords?: string[];
}

export interface TaxonomyType {
  name: string;
  description?: string;
  subtypes: TaxonomySubtype[];
}

export interface Taxonomy {
  types: TaxonomyType[];
}

export interface SubtypeSuggestion {
  type: string;
  subtype: string;
  score: number;
}

const kw = (s: string): string[] => s.split('|').map((w) => w.trim()).filter((w) => w.length > 0);

export const ACLED_TAXONOMY: Taxonomy = {
  types: [
    {
      name: 'Battles',
      description: 'Violent clashes between two organised armed groups',
      subtypes: [
        { name: 'Armed clash', description: 'Armed groups fight; no territory changes hands', keywords: kw('clash|clashes|clashed|fighting|fought|battle|battled|gunfight|firefight|exchanged fire|exchange of fire|ambush|ambushed|skirmish|skirmishes|combat') },
        { name: 'Government regains territory', description: 'State forces or allies retake an area from a non-state group', keywords: kw('recaptured|recapture|retook|retake|retaken|regained|regain control|liberated|won back|wrested back|drove out') },
        { name: 'Non-state actor overtakes territory', description: 'A non-state group takes an area from the state or another group', keywords: kw('seize|seized|seizing|overran|overrun|captured|capture|took control|take control|taken control|fell to|stormed|took over|overtook|swept into|pushed into') },
      ],
    },
    {
      name: 'Explosions/Remote violence',
      description: 'One-sided violence in which the weapon defines the event',
      subtypes: [
        { name: 'Chemical weapon', description: 'Use of a toxic chemical', keywords: kw('chemical weapon|chemical attack|chlorine|sarin|nerve gas|mustard gas|toxic gas|poison gas') },
        { name: 'Air/drone strike', description: 'Attack by aircraft, helicopters or drones', keywords: kw('airstrike|air strike|air raid|airstrikes|drone|drone strike|warplane|warplanes|fighter jets|helicopter gunship|bombed from the air|air force|aerial bombardment') },
        { name: 'Suicide bomb', description: 'The attacker dies delivering the explosive', keywords: kw('suicide bomb|suicide bomber|suicide bombing|suicide attack|suicide attacker|suicide car bomb|suicide vest|blew himself up|blew herself up|blew themselves up') },
        { name: 'Shelling/artillery/missile attack', description: 'Long-range indirect fire', keywords: kw('shelling|shelled|shell|mortar|mortars|artillery|rocket|rockets|missile|missiles|ballistic missile|barrage|bombardment|howitzer') },
        { name: 'Remote explosive/landmine/IED', description: 'IEDs, roadside or car bombs, mines; the perpetrator is not at the site', keywords: kw('car bomb|roadside bomb|IED|improvised explosive|explosive device|landmine|land mine|booby trap|bomb|bombing|bombings|explosion|explosions|blast|detonated|exploded') },
        { name: 'Grenade', description: 'Hand-thrown explosives', keywords: kw('grenade|grenades|hand grenade') },
      ],
    },
    {
      name: 'Violence against civilians',
      description: 'An organised armed actor targets unarmed people',
      subtypes: [
        { name: 'Sexual violence', description: 'Rape or other sexual violence', keywords: kw('rape|raped|sexual violence|sexual assault|sexually assaulted|sexual slavery') },
        { name: 'Attack', description: 'Killing or injuring unarmed civilians', keywords: kw('kill|attack|attacked|gunned down|opened fire|massacre|massacred|executed|execution|shot dead|beheaded|opened fire on civilians|killed civilians') },
        { name: 'Abduction/forced disappearance', description: 'Kidnapping or disappearance of civilians', keywords: kw('kidnap|kidnapped|kidnapping|abducted|abduction|abductions|hostage|hostages|taken hostage|forced disappearance|disappeared') },
      ],
    },
    {
      name: 'Protests',
      description: 'Public demonstrations by non-violent participants',
      subtypes: [
        { name: 'Peaceful protest', description: 'Demonstrators are not violent and nobody intervenes', keywords: kw('protest|protests|protested|protesters|protestors|demonstrators|demonstration|demonstrated|rally|rallied|march|marched|sit-in') },
        { name: 'Protest with intervention', description: 'Authorities intervene without lethal or severe force', keywords: kw('dispersed|tear gas|teargas|water cannon|broke up the protest|rubber bullets|arrested protesters') },
        { name: 'Excessive force against protesters', description: 'Lethal or severe force against peaceful protesters', keywords: kw('fired on protesters|shot protesters|killed protesters|live ammunition|opened fire on demonstrators|fired on demonstrators|killed demonstrators') },
      ],
    },
    {
      name: 'Riots',
      description: 'Violent events by demonstrators or mobs',
      subtypes: [
        { name: 'Violent demonstration', description: 'Demonstrators themselves are violent or destructive', keywords: kw('rioters|riot|riots|rioting|threw stones|hurled stones|set fire|torched|violent protest|violent protesters') },
        { name: 'Mob violence', description: 'A violent crowd not organised as a demonstration', keywords: kw('mob|mobs|lynched|lynching|vigilante|vigilantes|communal clashes|angry crowd') },
      ],
    },
    {
      name: 'Strategic developments',
      description: 'Non-violent but significant developments',
      subtypes: [
        { name: 'Agreement', description: 'Ceasefires, peace deals, prisoner exchanges', keywords: kw('ceasefire|cease-fire|truce|peace deal|peace agreement|agreement|prisoner exchange|prisoner swap|accord|signed') },
        { name: 'Arrests', description: 'Politically significant arrests', keywords: kw('arrest|arrested|arrests|detained|detention|rounded up|custody|apprehended') },
        { name: 'Change to group/activity', description: 'Mergers, splits, pledges of allegiance, new tactics', keywords: kw('pledged allegiance|pledged loyalty|allegiance|loyalty|merged|merger|split|splinter|defected|defection|joined|joins|formed|weapons cache') },
        { name: 'Disrupted weapons use', description: 'Bombs defused, strikes intercepted', keywords: kw('defused|intercepted|shot down|air defence|air defense|foiled|dismantled|thwarted') },
        { name: 'Headquarters or base established', description: 'A new base or office set up without fighting', keywords: kw('established a base|set up a base|set up base|new base|headquarters|opened an office') },
        { name: 'Looting/property destruction', description: 'Looting or destruction with no one harmed', keywords: kw('looted|looting|ransacked|demolished|destroyed|vandalised|vandalized|burned down|razed') },
        { name: 'Non-violent transfer of territory', description: 'Territory changes hands without fighting', keywords: kw('withdrew|withdrawal|handed over|pulled out|retreated|without a fight|evacuated|abandoned') },
        { name: 'Other', description: 'Important non-violent events that fit nowhere else', keywords: [] },
      ],
    },
  ],
};

/** ACLED's `disorder_type` for a sub-event type (from the codebook's political-violence/demonstration flags). */
export function disorderType(type: string, subtype: string): string {
  if (subtype === 'Excessive force against protesters' || subtype === 'Excessive force against protestors') {
    return 'Political violence; Demonstrations';
  }
  if (type === 'Protests' || subtype === 'Violent demonstration') return 'Demonstrations';
  if (type === 'Strategic developments') return 'Strategic developments';
  if (type === 'Battles' || type === 'Explosions/Remote violence' || type === 'Violence against civilians' || type === 'Riots') {
    return 'Political violence';
  }
  return '';
}

/** ACLED itself spells this sub-type both ways. */
const SPELLING_VARIANTS: Record<string, string> = { 'Excessive force against protestors': 'Excessive force against protesters' };

export function isKnownEvent(taxonomy: Taxonomy, type: string, subtype: string): boolean {
  const sub = SPELLING_VARIANTS[subtype] ?? subtype;
  const t = taxonomy.types.find((x) => x.name === type);
  return t !== undefined && t.subtypes.some((s) => s.name === sub);
}

/** Adds `extra` to `base`: types with the same name gain new sub-types; same-named sub-types gain keywords. */
export function mergeTaxonomy(base: Taxonomy, extra: Taxonomy): Taxonomy {
  const types: TaxonomyType[] = base.types.map((t) => ({ ...t, subtypes: t.subtypes.map((s) => ({ ...s, keywords: s.keywords ? [...s.keywords] : undefined })) }));
  for (const et of extra.types) {
    const existing = types.find((t) => t.name === et.name);
    if (!existing) {
      types.push({ ...et, subtypes: et.subtypes.map((s) => ({ ...s })) });
      continue;
    }
    if (et.description) existing.description = et.description;
    for (const es of et.subtypes) {
      const sub = existing.subtypes.find((s) => s.name === es.name);
      if (!sub) {
        existing.subtypes.push({ ...es });
        continue;
      }
      if (es.description) sub.description = es.description;
      if (es.keywords) sub.keywords = [...new Set([...(sub.keywords ?? []), ...es.keywords])];
    }
  }
  return { types };
}

/**
 * Parses a workspace `conflict-taxonomy.yaml`:
 * ```yaml
 * mode: extend        # or "replace"; extend (default) merges into the ACLED taxonomy
 * types:
 *   - name: Battles
 *     subtypes:
 *       - name: Armed clash
 *         keywords: [firefight, gun battle]
 * ```
 * Problems carry 1-based line numbers; `taxonomy` is undefined only when nothing usable was found.
 */
export function parseTaxonomyYaml(text: string): { taxonomy?: Taxonomy; problems: Problem[] } {
  const problems: Problem[] = [];
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const lineOf = (node: YamlNode | null | undefined): number => (node?.range ? lines.linePos(node.range[0]).line : 1);
  // Every problem here means part of the file was not used (an entry, a keyword, the mode, or the whole file).
  const report = (code: ProblemCode, line: number, message: string) => problems.push({ code, severity: 'error', message, line });
  for (const e of doc.errors) {
    report('yaml-syntax', e.linePos?.[0]?.line ?? 1, e.message.split('\n')[0]);
  }
  if (doc.errors.length > 0) return { problems };
  const root = doc.contents;
  if (!isMap(root)) {
    report('schema', lineOf(root), 'expected a mapping with a "types" list');
    return { problems };
  }
  let mode = 'extend' as 'extend' | 'replace';
  const modeNode: unknown = root.get('mode', true);
  if (modeNode !== undefined) {
    const v: unknown = isScalar(modeNode) ? modeNode.value : undefined;
    if (v === 'replace' || v === 'extend') mode = v;
    else report('unknown-value', lineOf(modeNode as YamlNode), 'mode must be "extend" or "replace"');
  }
  const typesNode = root.get('types', true);
  if (!isSeq(typesNode)) {
    report('schema', lineOf((typesNode as YamlNode | undefined) ?? root), '"types" must be a list');
    return { problems };
  }
  const scalarString = (node: unknown): string | undefined =>
    isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '' ? node.value.trim() : undefined;
  const types: TaxonomyType[] = [];
  for (const item of typesNode.items) {
    if (!isMap(item)) {
      report('schema', lineOf(item as YamlNode), 'each type must be a mapping with name and subtypes');
      continue;
    }
    const name = scalarString(item.get('name', true));
    if (!name) {
      report('missing-key', lineOf(item), 'type without a name');
      continue;
    }
    const type: TaxonomyType = { name, subtypes: [] };
    const desc = scalarString(item.get('description', true));
    if (desc) type.description = desc;
    const subs = item.get('subtypes', true);
    if (!isSeq(subs)) {
      report('schema', lineOf((subs as YamlNode | undefined) ?? item), `type "${name}": "subtypes" must be a list`);
      continue;
    }
    for (const s of subs.items) {
      const sname = isMap(s) ? scalarString(s.get('name', true)) : scalarString(s);
      if (!sname) {
        report('missing-key', lineOf(s as YamlNode), `type "${name}": sub-type without a name`);
        continue;
      }
      const sub: TaxonomySubtype = { name: sname };
      if (isMap(s)) {
        const sdesc = scalarString(s.get('description', true));
        if (sdesc) sub.description = sdesc;
        const kwNode = s.get('keywords', true);
        if (kwNode !== undefined) {
          if (!isSeq(kwNode)) {
            report('schema', lineOf(kwNode as YamlNode), `sub-type "${sname}": "keywords" must be a list of words`);
          } else {
            sub.keywords = [];
            for (const k of kwNode.items) {
              const word = isScalar(k) && (typeof k.value === 'string' || typeof k.value === 'number') ? String(k.value).trim() : '';
              if (word) sub.keywords.push(word);
              else report('schema', lineOf(k as YamlNode), `sub-type "${sname}": keywords must be plain words`);
            }
          }
        }
      }
      if (type.subtypes.some((x) => x.name === sname)) {
        report('duplicate-id', lineOf(s as YamlNode), `type "${name}": duplicate sub-type "${sname}"`);
        continue;
      }
      type.subtypes.push(sub);
    }
    if (types.some((t) => t.name === name)) {
      report('duplicate-id', lineOf(item), `duplicate type "${name}"`);
      continue;
    }
    types.push(type);
  }
  if (types.length === 0 && mode === 'replace') {
    report('empty', lineOf(typesNode), 'no usable types; the default taxonomy stays in use');
    return { problems };
  }
  return { taxonomy: mode === 'replace' ? { types } : mergeTaxonomy(ACLED_TAXONOMY, { types }), problems };
}

const INFLECTIONS = ['s', 'es', 'd', 'ed', 'ing', 'er', 'ers'];

/** Lower-cased word tokens of a sentence (letters, digits, inner hyphens and apostrophes). */
function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu) ?? []);
}

/** A keyword word matches a sentence word exactly or with a regular inflection ("clash" → "clashes", "seize" → "seizing"). */
function wordMatches(keyword: string, word: string): boolean {
  if (word === keyword) return true;
  if (keyword.length < 3 || !word.startsWith(keyword.endsWith('e') ? keyword.slice(0, -1) : keyword)) return false;
  const stem = word.startsWith(keyword) ? keyword : keyword.slice(0, -1);
  return INFLECTIONS.includes(word.slice(stem.length));
}

/** Start indices in `sentence` where the phrase occurs. */
function phraseStarts(phrase: string[], sentence: string[]): number[] {
  const out: number[] = [];
  outer: for (let i = 0; i + phrase.length <= sentence.length; i++) {
    for (let j = 0; j < phrase.length; j++) {
      // Only the last word of a phrase inflects ("suicide bombers", not "suicides bomb").
      const ok = j === phrase.length - 1 ? wordMatches(phrase[j], sentence[i + j]) : phrase[j] === sentence[i + j];
      if (!ok) continue outer;
    }
    out.push(i);
  }
  return out;
}

interface KeywordHit {
  sub: number;
  from: number;
  to: number;
  weight: number;
}

/**
 * Ranks sub-types by the trigger words found in a sentence. A phrase of n words weighs 1.5·n (one word: 1), so
 * "suicide bomber" outranks a bare "bomb"; a hit inside a longer hit ("car bomb" in "suicide car bomb") is
 * dropped, and each stretch of the sentence counts once per sub-type. Ties keep taxonomy order.
 */
export function suggestSubtypes(taxonomy: Taxonomy, sentence: string): SubtypeSuggestion[] {
  const sw = words(sentence);
  const flat = taxonomy.types.flatMap((t) => t.subtypes.map((s) => ({ type: t.name, sub: s })));
  const hits: KeywordHit[] = [];
  flat.forEach(({ sub }, si) => {
    for (const k of sub.keywords ?? []) {
      const kwords = words(k);
      if (kwords.length === 0) continue;
      for (const from of phraseStarts(kwords, sw)) {
        hits.push({ sub: si, from, to: from + kwords.length, weight: kwords.length === 1 ? 1 : 1.5 * kwords.length });
      }
    }
  });
  const kept = hits.filter((h) => !hits.some((o) => o.to - o.from > h.to - h.from && o.from <= h.from && h.to <= o.to));
  kept.sort((a, b) => b.weight - a.weight || a.from - b.from);
  const scores = new Map<number, number>();
  const counted: KeywordHit[] = [];
  for (const h of kept) {
    if (counted.some((c) => c.sub === h.sub && c.from < h.to && h.from < c.to)) continue;
    counted.push(h);
    scores.set(h.sub, (scores.get(h.sub) ?? 0) + h.weight);
  }
  return [...scores.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .map(([si, score]) => ({ type: flat[si].type, subtype: flat[si].sub.name, score }));
}
