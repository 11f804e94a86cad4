/**
 * A person's edits of an event: its ACLED type and sub-type, and who or where fills a role. Each edit is a
 * decision: the event becomes accepted with the mentions it points to (so re-detection never takes them away),
 * and a detector suggestion that was retyped is remembered as rejected so it does not come back beside it.
 * Pure functions over a sidecar.
 */
import type { EventAnnotation, Mention, Provenance, Sidecar } from '../model';
import type { TextIndex } from '../text/textIndex';
import { contextOf } from '../anchoring/reanchor';
import { expectedInteraction } from '../sidecar/validateSidecar';
import { acceptItem, rejectionFor, rejectionKey } from './mergeSuggestions';

export type EventRole = 'actor1' | 'actor2' | 'place';
export const EVENT_ROLES: readonly EventRole[] = ['actor1', 'actor2', 'place'];

/** How a role is named to a person (cards, tree, pickers). */
export const ROLE_NAMES: Readonly<Record<EventRole, string>> = { actor1: 'Actor 1', actor2: 'Actor 2', place: 'Place' };
/** What the role means, after ACLED. */
export const ROLE_MEANINGS: Readonly<Record<EventRole, string>> = { actor1: 'the side that acts', actor2: 'the side acted on', place: 'where it happened' };

/** The mention labels a role can point to: actors act; victims (CIVILIAN) are acted on. */
export function roleLabels(role: EventRole): ReadonlyArray<Mention['label']> {
  return role === 'place' ? ['PLACE'] : role === 'actor2' ? ['ACTOR', 'CIVILIAN'] : ['ACTOR'];
}

/** The event as a decision: accepted with its roles, made by a person (its origin no longer the detector's). */
function decided(sidecar: Sidecar, id: string, text: TextIndex | undefined, provenance: Provenance | undefined): Sidecar {
  const accepted = acceptItem(sidecar, id, text, provenance);
  return { ...accepted, events: accepted.events.map((e) => (e.id === id && e.origin !== 'manual' ? { ...e, origin: 'manual' } : e)) };
}

/**
 * Gives event `id` another ACLED type and sub-type. A suggestion's old coding is remembered as rejected (the
 * detector would otherwise suggest it again at the same place); Violence against civilians targets civilians.
 */
export function retypeEvent(sidecar: Sidecar, id: string, type: string, subtype: string, text?: TextIndex, provenance?: Provenance): Sidecar {
  const e = sidecar.events.find((x) => x.id === id);
  if (!e || (e.type === type && e.subtype === subtype)) return sidecar;
  let rejected = sidecar.rejected;
  if (e.origin !== 'manual') {
    let r = rejectionFor(e, 'event');
    // suggestions carry no context on disk; the rejection needs it to be found again after an edit
    if (text && r.prefix === undefined && r.suffix === undefined && !r.orphan && text.slice(r.start, r.end) === r.text) r = { ...r, ...contextOf(text, r.start, r.end) };
    if (provenance?.by !== undefined) r.by = provenance.by;
    if (provenance?.at !== undefined) r.at = provenance.at;
    if (!rejected.some((x) => rejectionKey(x) === rejectionKey(r))) rejected = [...rejected, r];
  }
  const retyped: EventAnnotation = { ...e, type, subtype };
  if (type === 'Violence against civilians') retyped.civilian_targeting = true;
  return decided({ ...sidecar, rejected, events: sidecar.events.map((x) => (x.id === id ? retyped : x)) }, id, text, provenance);
}

/** ACLED's actor type of a mention: victims are Civilians (7); otherwise what `interOf` knows (the gazetteer). */
export type InterOf = (m: Mention) => number | undefined;
const defaultInter: InterOf = (m) => (m.label === 'CIVILIAN' ? 7 : undefined);

/**
 * Puts mention `mention` into `role` of event `id` (undefined: nobody, nowhere). A mention that held the other
 * actor role changes places with this role's mention ("make X actor 1" when X is actor 2 swaps them). The
 * actor types and interaction follow the actors (unknown types are left out rather than kept stale).
 */
export function setEventRole(sidecar: Sidecar, id: string, role: EventRole, mention: string | undefined, text?: TextIndex, provenance?: Provenance, interOf: InterOf = defaultInter): Sidecar {
  const e = sidecar.events.find((x) => x.id === id);
  if (!e) return sidecar;
  const m = mention === undefined ? undefined : sidecar.mentions.find((x) => x.id === mention);
  if (mention !== undefined && (!m || !roleLabels(role).includes(m.label))) throw new Error(`${mention} cannot be the ${ROLE_NAMES[role].toLowerCase()} of an event (it is ${m ? `a ${m.label} mention` : 'no mention of this article'})`);
  const out: EventAnnotation = { ...e };
  const other: EventRole | undefined = role === 'actor1' ? 'actor2' : role === 'actor2' ? 'actor1' : undefined;
  if (other && mention !== undefined && e[other] === mention) {
    // a victim cannot act: a swap that would make a CIVILIAN actor 1 leaves that role empty
    const previous = e[role] === undefined ? undefined : sidecar.mentions.find((x) => x.id === e[role]);
    if (previous && roleLabels(other).includes(previous.label)) out[other] = previous.id;
    else delete out[other];
  }
  if (mention === undefined) delete out[role];
  else out[role] = mention;
  if (role !== 'place') {
    // an actor's type goes with it: what the gazetteer knows, else what the event said of it in its old role
    const known = (ref: string): number | undefined => (e.actor1 === ref ? e.inter1 : e.actor2 === ref && e.inter2 ? e.inter2 : undefined);
    const typeOf = (ref: string | undefined): number | undefined => {
      const x = ref === undefined ? undefined : sidecar.mentions.find((y) => y.id === ref);
      return x ? (interOf(x) ?? known(x.id) ?? defaultInter(x)) : undefined;
    };
    const inter1 = typeOf(out.actor1);
    const inter2 = out.actor2 === undefined ? 0 : typeOf(out.actor2);
    if (inter1 === undefined) delete out.inter1;
    else out.inter1 = inter1;
    if (inter2 === undefined) delete out.inter2;
    else out.inter2 = inter2;
    if (inter1 !== undefined && inter2 !== undefined) out.interaction = expectedInteraction(inter1, inter2);
    else delete out.interaction;
    if (inter2 === 7) out.civilian_targeting = true;
  }
  return decided({ ...sidecar, events: sidecar.events.map((x) => (x.id === id ? out : x)) }, id, text, provenance);
}
