/**
 * Agreement on ACLED events between two annotators. Events are paired one-to-one by span overlap
 * (matchSpans, largest overlap first); over the pairs, type and sub-type agreement (share equal, Cohen's
 * kappa, nominal alpha) and role agreement. Roles compare what they denote, never ids: actor1, actor2 and place
 * refer to mentions, compared by entity when both mentions have one, else by their text (case and spacing
 * ignored); date and fatalities compare by value. A role counts for a pair when at least one annotator filled
 * it (a role both left empty says nothing); a reference to a mention that does not exist counts as empty.
 * Contract: callers pass only the events that count (status, orphan and quote checks are theirs); `mentions`
 * are all of the annotator's mentions, since a role may point at any of them.
 */
import type { EventAnnotation, Mention } from '../model';
import { cohenKappa, percentAgreement } from './cohenKappa';
import { matchSpans } from './matchSpans';
import { nominalAlpha } from './nominalAlpha';

export const EVENT_ROLES = ['actor1', 'actor2', 'place', 'date', 'fatalities'] as const;
export type EventRole = (typeof EVENT_ROLES)[number];

export interface EventSide {
  readonly events: readonly EventAnnotation[];
  readonly mentions: readonly Mention[];
}

export interface PairedEvents {
  readonly a: EventSide;
  readonly b: EventSide;
  /** [index in a.events, index in b.events]. */
  readonly pairs: readonly [number, number][];
}

/** Agreement on one nominal variable over the same items. */
export interface CodingAgreement {
  readonly items: number;
  /** Share of items labelled alike; null without items. */
  readonly observed: number | null;
  readonly kappa: number | null;
  readonly alpha: number | null;
}

export interface RoleAgreement {
  /** Pairs where at least one annotator filled the role. */
  readonly compared: number;
  readonly equal: number;
  readonly share: number | null;
}

export interface EventAgreement {
  readonly a: number;
  readonly b: number;
  readonly paired: number;
  /** B's events found by A's (paired) over B's, and over A's. */
  readonly precision: number | null;
  readonly recall: number | null;
  readonly f1: number | null;
  readonly type: CodingAgreement;
  readonly subtype: CodingAgreement;
  readonly roles: Readonly<Record<EventRole, RoleAgreement>>;
}

export function pairEvents(a: EventSide, b: EventSide): PairedEvents {
  return { a, b, pairs: matchSpans(a.events, b.events, 'overlap') };
}

export function codingAgreement(a: readonly string[], b: readonly string[]): CodingAgreement {
  return { items: a.length, observed: percentAgreement(a, b), kappa: cohenKappa(a, b), alpha: nominalAlpha(a, b) };
}

type RoleValue = { entity?: string; text: string } | string;

const normaliseText = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

function roleValue(ev: EventAnnotation, role: EventRole, side: EventSide): RoleValue | undefined {
  if (role === 'date') return ev.date === undefined ? undefined : String(ev.date);
  if (role === 'fatalities') return ev.fatalities === undefined ? undefined : String(ev.fatalities);
  const id = ev[role];
  if (id === undefined) return undefined;
  const m = side.mentions.find((x) => x.id === id);
  return m ? { entity: m.entity, text: normaliseText(m.text) } : undefined;
}

function sameValue(x: RoleValue, y: RoleValue): boolean {
  if (typeof x === 'string' || typeof y === 'string') return x === y;
  if (x.entity !== undefined && y.entity !== undefined) return x.entity === y.entity;
  return x.text === y.text;
}

/** True when both annotators filled `role` of a pair alike (both empty is no comparison: undefined). */
export function roleAgrees(ea: EventAnnotation, eb: EventAnnotation, role: EventRole, a: EventSide, b: EventSide): boolean | undefined {
  const va = roleValue(ea, role, a);
  const vb = roleValue(eb, role, b);
  if (va === undefined && vb === undefined) return undefined;
  return va !== undefined && vb !== undefined && sameValue(va, vb);
}

const ratio = (x: number, y: number): number | null => (y === 0 ? null : x / y);

export function eventAgreement(paired: readonly PairedEvents[]): EventAgreement {
  let a = 0;
  let b = 0;
  const typesA: string[] = [];
  const typesB: string[] = [];
  const subA: string[] = [];
  const subB: string[] = [];
  const roles = Object.fromEntries(EVENT_ROLES.map((r) => [r, { compared: 0, equal: 0 }])) as Record<EventRole, { compared: number; equal: number }>;
  for (const p of paired) {
    a += p.a.events.length;
    b += p.b.events.length;
    for (const [ai, bi] of p.pairs) {
      const ea = p.a.events[ai];
      const eb = p.b.events[bi];
      typesA.push(ea.type);
      typesB.push(eb.type);
      subA.push(ea.subtype);
      subB.push(eb.subtype);
      for (const r of EVENT_ROLES) {
        const agrees = roleAgrees(ea, eb, r, p.a, p.b);
        if (agrees === undefined) continue;
        roles[r].compared++;
        if (agrees) roles[r].equal++;
      }
    }
  }
  const n = typesA.length;
  const precision = ratio(n, b);
  const recall = ratio(n, a);
  return {
    a,
    b,
    paired: n,
    precision,
    recall,
    f1: ratio(2 * n, a + b),
    type: codingAgreement(typesA, typesB),
    subtype: codingAgreement(subA, subB),
    roles: Object.fromEntries(EVENT_ROLES.map((r) => [r, { ...roles[r], share: ratio(roles[r].equal, roles[r].compared) }])) as Record<EventRole, RoleAgreement>,
  };
}
