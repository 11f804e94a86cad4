/**
 * ACLED type and sub-type of one reported happening, from what its triggers say (attack, seize, shell, ...)
 * and their context: the weapon near a trigger decides remote violence, unarmed victims make violence one-sided,
 * the acting side's kind decides which way territory changed hands, and intervention cues grade a protest.
 * Names are spelled as in ACLED_TAXONOMY.
 */
import type { TriggerClass, Weapon } from './eventLexicon';
import type { PartyKind } from './eventRoles';

export interface FrameFacts {
  classes: ReadonlySet<TriggerClass>;
  weapons: ReadonlySet<Weapon>;
  /** Victims or targets named in the clause. */
  armedTarget: boolean;
  civilianTarget: boolean;
  actor1Kind?: PartyKind;
  actor2Kind?: PartyKind;
  /** A place (not a weapon or a building) is what changed hands. */
  territory: boolean;
  /** The attacker blew themselves up ("detonated themselves", "blew himself up"). */
  reflexiveBlast: boolean;
  protestIntervention: boolean;
  protestForce: boolean;
  /** The crowd itself was violent (rioters, looting, torching by protesters). */
  crowdViolence: boolean;
  /** Someone was killed. */
  deaths: boolean;
  /** The marchers or paraders are fighters or troops. */
  armedCrowd: boolean;
  /** The acting side is a crowd: 'rioters', 'mob', 'protesters'. */
  crowd?: string;
  /** The victims are demonstrators ("opened fire on demonstrators"). */
  protestVictims: boolean;
  /** A "strike" noun: an air strike unless a weapon says otherwise ("struck" as a verb is any attack). */
  strikeNoun: boolean;
}

export interface Classification {
  type: string;
  subtype: string;
  /** The sub-type is a default, not read from the text: a later, more specific report may replace it. */
  weak: boolean;
}

const ER = 'Explosions/Remote violence';
const B = 'Battles';
const VAC = 'Violence against civilians';
const SD = 'Strategic developments';

const VIOLENT: readonly TriggerClass[] = ['attack', 'kill', 'strike', 'hit', 'shell', 'explode', 'air', 'suicide', 'grenade', 'chemical', 'siege', 'fight', 'loot'];

export function classifyEvent(f: FrameFacts): Classification | undefined {
  const has = (c: TriggerClass): boolean => f.classes.has(c);
  const violent = VIOLENT.some(has);
  const weapon = (w: Weapon): boolean => f.weapons.has(w);

  // A crowd that loots, burns or attacks is a riot; a mob's violence is mob violence.
  if (f.crowd && (has('loot') || has('attack') || has('kill') || has('riot'))) {
    return { type: 'Riots', subtype: f.crowd === 'mob' || f.crowd === 'mobs' ? 'Mob violence' : 'Violent demonstration', weak: false };
  }
  // A bomb defused or a drone shot down did not go off: the weapon was stopped.
  if (has('intercept')) return { type: SD, subtype: 'Disrupted weapons use', weak: false };
  // Force against demonstrators: lethal or severe, else an intervention.
  if (f.protestVictims && (has('attack') || has('kill')) && f.actor1Kind !== 'nonstate') {
    return { type: 'Protests', subtype: f.deaths || has('kill') ? 'Excessive force against protesters' : 'Protest with intervention', weak: false };
  }
  // The weapon defines remote violence, whoever the victims were.
  if (has('suicide') || weapon('suicide') || (f.reflexiveBlast && (has('explode') || weapon('ied')))) return { type: ER, subtype: 'Suicide bomb', weak: false };
  if ((has('chemical') || weapon('chemical')) && violent) return { type: ER, subtype: 'Chemical weapon', weak: false };
  if (has('air') || (weapon('air') && violent)) return { type: ER, subtype: 'Air/drone strike', weak: false };
  if (has('shell') || (weapon('shell') && violent)) return { type: ER, subtype: 'Shelling/artillery/missile attack', weak: false };
  if ((has('grenade') || weapon('grenade')) && violent) return { type: ER, subtype: 'Grenade', weak: false };
  if (has('explode') || (weapon('ied') && violent)) return { type: ER, subtype: 'Remote explosive/landmine/IED', weak: !weapon('ied') };
  if (f.strikeNoun && !has('fight') && !has('seize') && !has('retake')) return { type: ER, subtype: 'Air/drone strike', weak: true };

  if (has('seize') || has('retake')) {
    if (f.territory) {
      const state = f.actor1Kind === 'state';
      const nonstate = f.actor1Kind === 'nonstate';
      if (has('retake') && !nonstate) return { type: B, subtype: 'Government regains territory', weak: f.actor1Kind === undefined };
      if (state) return { type: B, subtype: 'Government regains territory', weak: false };
      return { type: B, subtype: 'Non-state actor overtakes territory', weak: f.actor1Kind === undefined };
    }
  }
  if (has('agree')) return { type: SD, subtype: 'Agreement', weak: false };
  if (has('withdraw')) return { type: SD, subtype: 'Non-violent transfer of territory', weak: false };

  // armed men marching or parading: a show of force, not a demonstration
  if ((has('display') || has('protest')) && !violent && (has('display') || f.actor1Kind === 'nonstate' || f.actor1Kind === 'state') && f.armedCrowd) return { type: SD, subtype: 'Other', weak: false };
  if (has('protest') && !violent) {
    if (f.crowdViolence) return { type: 'Riots', subtype: 'Violent demonstration', weak: false };
    if (f.protestForce) return { type: 'Protests', subtype: 'Excessive force against protesters', weak: false };
    if (f.protestIntervention || has('arrest')) return { type: 'Protests', subtype: 'Protest with intervention', weak: false };
    return { type: 'Protests', subtype: 'Peaceful protest', weak: false };
  }
  if (has('riot')) return { type: 'Riots', subtype: 'Violent demonstration', weak: false };

  if (has('sexual')) return { type: VAC, subtype: 'Sexual violence', weak: false };
  if (has('abduct') && !f.deaths && !has('fight')) return { type: VAC, subtype: 'Abduction/forced disappearance', weak: false };

  if (has('fight') || has('siege')) {
    if (has('siege') && !has('fight') && f.civilianTarget && !f.armedTarget) return { type: VAC, subtype: 'Attack', weak: true };
    return { type: B, subtype: 'Armed clash', weak: false };
  }
  if (has('attack') || has('kill') || has('strike')) {
    const armedVictim = f.armedTarget || f.actor2Kind === 'state' || f.actor2Kind === 'nonstate';
    if (armedVictim) return { type: B, subtype: 'Armed clash', weak: false };
    if (f.civilianTarget) return { type: VAC, subtype: 'Attack', weak: false };
    if (has('kill')) return { type: VAC, subtype: 'Attack', weak: true };
    return { type: B, subtype: 'Armed clash', weak: true };
  }
  if (has('abduct')) return { type: VAC, subtype: 'Abduction/forced disappearance', weak: false };
  if (has('arrest')) return { type: SD, subtype: 'Arrests', weak: false };
  // "destroyed a checkpoint of the army": fighting, not property destruction
  if (has('loot') && f.armedTarget) return { type: B, subtype: 'Armed clash', weak: true };
  if (has('loot')) return { type: SD, subtype: 'Looting/property destruction', weak: false };
  if (has('agree')) return { type: SD, subtype: 'Agreement', weak: false };
  if (has('allegiance')) return { type: SD, subtype: 'Change to group/activity', weak: false };
  if (has('base')) return { type: SD, subtype: 'Headquarters or base established', weak: false };
  if (has('coup')) return { type: SD, subtype: 'Other', weak: false };
  return undefined;
}
