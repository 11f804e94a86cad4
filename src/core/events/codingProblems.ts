/**
 * Codings of an event that ACLED's codebook does not allow: the event type says who may take part, and an actor
 * of the wrong kind (by its ACLED actor type, `inter` 1–8) makes the record one ACLED would not accept. Each
 * rule is a sentence of the codebook (summarised in media/docs/guidelines.md and ACLED's event definitions):
 *
 * - Battles are fought between two organised armed groups (state forces, rebels, militias, external forces):
 *   rioters, protesters and civilians are no side of a battle.
 * - Violence against civilians is an organised armed group's violence against unarmed non-combatants: actor 2
 *   is Civilians (7), and a mob's violence is Riots / Mob violence.
 * - Civilians are always the victims: never actor 1 of a violent or demonstration event.
 * - Protests are events of protesters (6); Riots of rioters (5).
 * - Strategic developments are non-violent: deaths reported make the event a violent one.
 * - An event's two actors are two different actors (one side alone has no actor 2).
 *
 * A rule looks only at what is known: an actor whose type is unknown breaks no rule. Pure; the same check serves
 * the hover card, the editor's diagnostics, `validate` and the detector (which never suggests such a coding).
 */
import type { DetectedEvent, Entity, EventAnnotation, Mention, Sidecar } from '../model';
import type { Problem } from '../problem';
import { expectedInteraction } from '../sidecar/validateSidecar';

export type CodingProblemCode =
  | 'same-actor'
  | 'battle-unarmed-side'
  | 'civilians-act'
  | 'vac-target-not-civilian'
  | 'vac-unorganised-perpetrator'
  | 'protest-without-protesters'
  | 'riot-without-rioters'
  | 'development-with-fatalities';

export interface CodingProblem {
  code: CodingProblemCode;
  /** For people: what is wrong and what ACLED would code instead. */
  message: string;
}

/** One side of an event as the rules see it. */
export interface CodingSide {
  /** Identity: two sides with the same `key` (a mention id, or the span) are the same mention. */
  key: string;
  /** The entity the mention is linked to: two mentions of one entity are one actor. */
  entity?: string;
  /** ACLED actor type 1–8, when known. */
  inter?: number;
  /** How the text names it (for messages). */
  text: string;
}

export interface EventCoding {
  type: string;
  subtype: string;
  actor1?: CodingSide;
  actor2?: CodingSide;
  fatalities?: number;
}

const INTER_NAMES: Record<number, string> = { 1: 'state forces', 2: 'a rebel group', 3: 'a political militia', 4: 'an identity militia', 5: 'rioters', 6: 'protesters', 7: 'civilians', 8: 'external forces' };
/** Types that organise armed violence (ACLED: state forces, rebels, militias, external forces). */
const ARMED = new Set([1, 2, 3, 4, 8]);

const named = (s: CodingSide): string => `"${s.text.length > 40 ? `${s.text.slice(0, 40)}…` : s.text}" (inter ${s.inter}, ${INTER_NAMES[s.inter!] ?? 'unknown type'})`;

/** What is wrong with the coding of one event, by ACLED's codebook; empty when nothing known contradicts it. */
export function codingProblems(e: EventCoding): CodingProblem[] {
  const out: CodingProblem[] = [];
  const add = (code: CodingProblemCode, message: string) => out.push({ code, message });
  const { actor1: a1, actor2: a2 } = e;
  const t1 = a1?.inter;
  const t2 = a2?.inter;
  if (a1 && a2 && (a1.key === a2.key || (a1.entity !== undefined && a1.entity === a2.entity))) {
    add('same-actor', `Actor 1 and actor 2 are the same actor ("${a1.text}"): ACLED codes two different sides, or one side alone with no actor 2.`);
  }
  // civilians never act: reported once, before the rules of each type (which would say it again)
  const civiliansAct = a1 !== undefined && t1 === 7 && e.type !== 'Strategic developments';
  if (civiliansAct) add('civilians-act', `Actor 1 is ${named(a1)}: in ACLED civilians are always the victims, never the side that acts. Make them actor 2.`);
  switch (e.type) {
    case 'Battles': {
      const unarmed = [a1 && !civiliansAct ? a1 : undefined, a2].filter((s): s is CodingSide => s?.inter !== undefined && !ARMED.has(s.inter));
      for (const s of unarmed) {
        const instead = s.inter === 7 ? 'Violence against civilians (or Explosions/Remote violence)' : s.inter === 6 ? 'Protests' : 'Riots';
        add('battle-unarmed-side', `Battles are fought between two organised armed groups; ${named(s)} is not one. ACLED would code this as ${instead}.`);
      }
      break;
    }
    case 'Violence against civilians':
      if (a2 && t2 !== undefined && t2 !== 7) add('vac-target-not-civilian', `Violence against civilians targets unarmed civilians (inter 7), but actor 2 is ${named(a2)}. An attack on an armed side is Battles or Explosions/Remote violence.`);
      if (a1 && (t1 === 5 || t1 === 6)) add('vac-unorganised-perpetrator', `Violence against civilians is violence by an organised armed group; ${named(a1)} is not one. ACLED codes a crowd's violence as Riots / Mob violence.`);
      break;
    case 'Protests':
      if (a1 && t1 !== undefined && t1 !== 6 && !civiliansAct && t2 !== 6) add('protest-without-protesters', `Protests are events of protesters (inter 6), but actor 1 is ${named(a1)}.${ARMED.has(t1) ? ' Violence by an armed group is Battles, Explosions/Remote violence or Violence against civilians.' : ''}`);
      break;
    case 'Riots':
      if (a1 && t1 !== undefined && t1 !== 5 && !civiliansAct && t2 !== 5) add('riot-without-rioters', `Riots are events of rioters or a violent mob (inter 5), but actor 1 is ${named(a1)}.${ARMED.has(t1) ? ' Violence by an armed group is Battles, Explosions/Remote violence or Violence against civilians.' : ''}`);
      break;
    case 'Strategic developments':
      if (e.fatalities !== undefined && e.fatalities > 0) add('development-with-fatalities', `Strategic developments are non-violent, but ${e.fatalities} ${e.fatalities === 1 ? 'death is' : 'deaths are'} reported: a violent event is Battles, Explosions/Remote violence or Violence against civilians.`);
      break;
  }
  return out;
}

/**
 * The coding of a sidecar event: each actor's type as the event records it (`inter1`/`inter2`, what exports
 * write), else what its mention tells (victims are Civilians; the gazetteer entity's type).
 */
export function sidecarEventCoding(e: EventAnnotation, mentions: readonly Mention[], entityOf: (id: string) => Entity | undefined = () => undefined): EventCoding {
  const side = (ref: string | undefined, stored: number | undefined): CodingSide | undefined => {
    if (ref === undefined) return undefined;
    const m = mentions.find((x) => x.id === ref);
    const inter = stored || (m?.label === 'CIVILIAN' ? 7 : m?.entity ? entityOf(m.entity)?.inter : undefined);
    return { key: ref, text: m?.text ?? ref, ...(m?.entity !== undefined ? { entity: m.entity } : {}), ...(inter ? { inter } : {}) };
  };
  const coding: EventCoding = { type: e.type, subtype: e.subtype };
  const a1 = side(e.actor1, e.inter1);
  const a2 = side(e.actor2, e.inter2);
  if (a1) coding.actor1 = a1;
  if (a2) coding.actor2 = a2;
  if (e.fatalities !== undefined) coding.fatalities = e.fatalities;
  return coding;
}

/** The problems of a sidecar event's coding (see {@link codingProblems}). */
export function eventCodingProblems(e: EventAnnotation, mentions: readonly Mention[], entityOf?: (id: string) => Entity | undefined): CodingProblem[] {
  return codingProblems(sidecarEventCoding(e, mentions, entityOf));
}

/**
 * The coding problems of every event of a sidecar as warnings at the event's line (`validate`'s findings): a
 * coding ACLED would not accept is for a person to look at, not a broken file.
 */
export function sidecarCodingProblems(sidecar: Sidecar, locate: (path: string) => number = () => 0): Problem[] {
  return sidecar.events.flatMap((e, i) =>
    eventCodingProblems(e, sidecar.mentions).map((p): Problem => ({ code: 'event-coding', severity: 'warning', line: locate(`events[${i}]`), path: `events[${i}]`, message: `events[${i}] (${e.type} / ${e.subtype}): ${p.message}` })),
  );
}

/** The coding of a detected event; `entities`: the entity ids of its actors' mentions, where linked. */
export function detectedEventCoding(ev: DetectedEvent, entities: { actor1?: string; actor2?: string } = {}): EventCoding {
  const side = (r: DetectedEvent['actor1'], inter: number | undefined, entity: string | undefined): CodingSide | undefined =>
    r && { key: `${r.start}-${r.end}`, text: `the mention at ${r.start}-${r.end}`, ...(entity !== undefined ? { entity } : {}), ...(inter ? { inter } : {}) };
  const coding: EventCoding = { type: ev.type, subtype: ev.subtype };
  const a1 = side(ev.actor1, ev.inter1, entities.actor1);
  const a2 = side(ev.actor2, ev.inter2, entities.actor2);
  if (a1) coding.actor1 = a1;
  if (a2) coding.actor2 = a2;
  if (ev.fatalities !== undefined) coding.fatalities = ev.fatalities;
  return coding;
}

const ARMED_CLASH = { type: 'Battles', subtype: 'Armed clash' };
const CIVILIAN_ATTACK = { type: 'Violence against civilians', subtype: 'Attack' };
const EXCESSIVE_FORCE = { type: 'Protests', subtype: 'Excessive force against protesters' };
const VIOLENT_DEMONSTRATION = { type: 'Riots', subtype: 'Violent demonstration' };

/**
 * A detected event recoded so that ACLED's rules hold, or undefined when no small change does: the detector
 * never suggests a coding `codingProblems` objects to. After the codebook: an attack on an armed side is a
 * battle, on protesters excessive force against them, and a battle against civilians is violence against them;
 * demonstrators who riot are rioters, and a protest by rioters is a riot. A role or a toll that contradicts the
 * type is left out (a person adds it back under the right type). `isKnown`: the taxonomy in use has the type.
 */
export function consistentSuggestion(ev: DetectedEvent, entities: { actor1?: string; actor2?: string } = {}, isKnown: (type: string, subtype: string) => boolean = () => true): DetectedEvent | undefined {
  let out = ev;
  for (let round = 0; round < 4; round++) {
    const problems = codingProblems(detectedEventCoding(out, entities));
    if (problems.length === 0) return isKnown(out.type, out.subtype) ? out : undefined;
    const next: DetectedEvent = { ...out };
    const { inter1: t1, inter2: t2 } = out;
    const armed1 = t1 !== undefined && ARMED.has(t1);
    for (const p of problems) {
      if (p.code === 'vac-target-not-civilian' && out.subtype === 'Attack' && t2 === 6) Object.assign(next, EXCESSIVE_FORCE);
      else if (p.code === 'vac-target-not-civilian' && out.subtype === 'Attack' && armed1) Object.assign(next, ARMED_CLASH, { civilianTargeting: false });
      else if (p.code === 'battle-unarmed-side' && t2 === 7 && armed1) Object.assign(next, CIVILIAN_ATTACK, { civilianTargeting: true });
      else if (p.code === 'riot-without-rioters' && (t1 === 6 || t2 === 6)) setTypes(next, t1 === 6 ? 5 : t1, t2 === 6 ? 5 : t2);
      else if (p.code === 'protest-without-protesters' && t1 === 5) Object.assign(next, VIOLENT_DEMONSTRATION);
      else if (p.code === 'civilians-act') dropRole(next, 'actor1');
      else if (p.code === 'same-actor') dropRole(next, 'actor2');
      else if (p.code === 'development-with-fatalities') delete next.fatalities;
      else return undefined;
    }
    out = next;
  }
  return undefined;
}

/** New actor types, and the interaction that follows them. */
function setTypes(ev: DetectedEvent, inter1: number | undefined, inter2: number | undefined): void {
  if (inter1 !== undefined) ev.inter1 = inter1;
  if (inter2 !== undefined) ev.inter2 = inter2;
  if (ev.inter1 !== undefined) ev.interaction = expectedInteraction(ev.inter1, ev.inter2 ?? 0);
}

/** Leaves a role out, with the actor type and the interaction that came with it. */
function dropRole(ev: DetectedEvent, role: 'actor1' | 'actor2'): void {
  delete ev[role];
  delete ev[role === 'actor1' ? 'inter1' : 'inter2'];
  if (ev.inter1 === undefined) delete ev.interaction;
  else setTypes(ev, ev.inter1, ev.inter2);
}
