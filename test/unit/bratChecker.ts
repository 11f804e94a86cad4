/**
 * A strict brat standoff checker, written from brat's standoff format description and the rules brat's own
 * verifier applies with annotation.conf and tools.conf: every issue brat would show (errors, warnings and
 * "incomplete") is an issue here.
 *
 * - The text is read as brat reads it, in universal-newline mode (CRLF and CR become LF); offsets are code points.
 * - T: `Tn<TAB>TYPE S E[;S E]*<TAB>TEXT`; fragments ascending, within the text, holding no line break; TEXT is
 *   the fragments' text joined by single spaces; TYPE an entity or event type.
 * - E: `En<TAB>TYPE:TRIGGER ROLE:ID...`; the trigger a T of that event type; a role's name is read without its
 *   trailing digits ("Theme2" is a second Theme), must be declared for the type, its target of an allowed type,
 *   its count within the declared repetition (`?`, `*`, `+`, `{n}`, `{n-m}`, none: exactly one).
 * - Every trigger is used by an event; no two triggers share span and type.
 * - A: `An<TAB>NAME TARGET [VALUE]`: a declared attribute allowed on the target's type, a declared value (none
 *   for a binary attribute).
 * - N: `Nn<TAB>Reference TARGET DB:ID<TAB>TEXT`, DB declared in tools.conf [normalization]. `#`: AnnotatorNotes
 *   on an existing annotation.
 * - Ids unique; overlapping entity spans (contained, equal, crossing) only as allowed by `<OVERLAP>` rules.
 */

export interface BratIssue {
  line: number;
  id?: string;
  message: string;
}

interface Arg {
  role: string;
  min: number;
  max: number;
  types: string[];
}

export interface BratConfig {
  entities: Set<string>;
  events: Map<string, Arg[]>;
  attributes: Map<string, { targets: string[]; values?: string[] }>;
  overlap: { arg1: string[]; arg2: string[]; kinds: Set<string> }[];
  normalization: Set<string>;
}

function sections(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || /^\s*#/.test(line)) continue;
    const head = /^\s*\[(.*)\]\s*$/.exec(line);
    if (head) {
      current = head[1];
      if (!out.has(current)) out.set(current, []);
      continue;
    }
    out.get(current)?.push(line);
  }
  return out;
}

function parseArgs(spec: string, issues: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\S*?):(\S*)$/.exec(part);
    if (!m) {
      issues.push(`cannot parse argument "${part}"`);
      continue;
    }
    out.set(m[1], m[2].split('|'));
  }
  return out;
}

export function parseBratConfig(annotationConf: string, toolsConf = ''): { config: BratConfig; issues: string[] } {
  const issues: string[] = [];
  const s = sections(annotationConf);
  for (const name of ['entities', 'relations', 'events', 'attributes']) if (!s.has(name)) issues.push(`annotation.conf: no [${name}] section`);
  const config: BratConfig = { entities: new Set(), events: new Map(), attributes: new Map(), overlap: [], normalization: new Set() };
  const storage = /^[A-Za-z0-9_-]+$/;
  for (const line of s.get('entities') ?? []) {
    const name = line.trim();
    if (!storage.test(name) && !name.startsWith('!')) issues.push(`entity type "${name}" is not a storage form`);
    config.entities.add(name);
  }
  for (const line of s.get('events') ?? []) {
    const [name, spec = ''] = line.trim().split('\t');
    if (!storage.test(name)) issues.push(`event type "${name}" is not a storage form`);
    const args: Arg[] = [];
    for (const [key, types] of parseArgs(spec, issues)) {
      const m = /^(\S+?)(\{\S+\}|\?|\*|\+|)$/.exec(key)!;
      const [, role, rep] = m;
      if (/\d$/.test(role)) issues.push(`event ${name}: role "${role}" ends in a digit, which brat reads as a repeat count`);
      let [min, max] = [1, 1];
      if (rep === '?') [min, max] = [0, 1];
      else if (rep === '*') [min, max] = [0, Infinity];
      else if (rep === '+') [min, max] = [1, Infinity];
      else if (rep) {
        const r = /^\{(\d+)(?:-(\d+))?\}$/.exec(rep);
        if (!r) issues.push(`event ${name}: bad repetition ${rep}`);
        else [min, max] = [Number(r[1]), r[2] === undefined ? Number(r[1]) : Number(r[2])];
      }
      args.push({ role, min, max, types });
    }
    config.events.set(name, args);
  }
  for (const line of s.get('relations') ?? []) {
    const [name, spec = ''] = line.trim().split('\t');
    const args = parseArgs(spec, issues);
    if (name === '<OVERLAP>') {
      const kinds = args.get('<OVL-TYPE>');
      if (!kinds) issues.push('<OVERLAP> without <OVL-TYPE>');
      config.overlap.push({ arg1: args.get('Arg1') ?? [], arg2: args.get('Arg2') ?? [], kinds: new Set(kinds ?? []) });
    }
  }
  for (const line of s.get('attributes') ?? []) {
    const [name, spec = ''] = line.trim().split('\t');
    const args = parseArgs(spec, issues);
    const targets = args.get('Arg');
    if (!targets) issues.push(`attribute ${name} has no Arg`);
    config.attributes.set(name, { targets: targets ?? [], values: args.get('Value') });
  }
  for (const line of sections(toolsConf).get('normalization') ?? []) config.normalization.add(line.trim().split(/\s+/)[0]);
  return { config, issues };
}

const LINE_BREAK = /[\n\r\v\f\u001c-\u001e\u0085\u2028\u2029]/;

interface TextBound {
  id: string;
  type: string;
  frags: [number, number][];
  line: number;
}

export function checkBrat(txtRaw: string, ann: string, config: BratConfig): BratIssue[] {
  const issues: BratIssue[] = [];
  const issue = (line: number, message: string, id?: string): void => {
    issues.push({ line, id, message });
  };
  const cps = [...txtRaw.replace(/\r\n?/g, '\n')];
  const eventTypes = new Set(config.events.keys());
  const textbounds = new Map<string, TextBound>();
  const typeOf = new Map<string, { type: string; kind: 'T' | 'E' }>();
  const events: { id: string; type: string; trigger: string; args: [string, string][]; line: number }[] = [];
  const attributes: { id: string; name: string; target: string; value?: string; line: number }[] = [];
  const refs: { id: string; target: string; line: number }[] = [];
  const ids = new Set<string>();
  if (ann.length && !ann.endsWith('\n')) issue(0, 'the .ann does not end with a line break');
  ann.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (raw === '') return;
    const m = /^([TEANR#*]\d*)\t(.*)$/.exec(raw);
    if (!m) return issue(line, `unparsable line ${JSON.stringify(raw)}`);
    const [, id, rest] = m;
    if (id !== '*' && !/^[TEANR#]\d+$/.test(id)) return issue(line, `bad id ${id}`);
    if (ids.has(id)) issue(line, `duplicate id ${id}`, id);
    ids.add(id);
    const kind = id[0];
    if (kind === 'T') {
      const t = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$/.exec(rest);
      if (!t) return issue(line, `bad text-bound line ${JSON.stringify(raw)}`, id);
      const [, type, offsets, quoted] = t;
      const frags = offsets.split(';').map((f) => f.split(' ').map(Number) as [number, number]);
      frags.forEach(([s, e], k) => {
        if (!(s < e)) issue(line, `fragment ${s} ${e} is empty or reversed`, id);
        if (e > cps.length) issue(line, `fragment ${s} ${e} is past the end of the text (${cps.length})`, id);
        if (k > 0 && s < frags[k - 1][1]) issue(line, 'fragments overlap or are out of order', id);
        if (cps.slice(s, e).some((c) => LINE_BREAK.test(c))) issue(line, `fragment ${s} ${e} holds a line break`, id);
      });
      const text = frags.map(([s, e]) => cps.slice(s, e).join('')).join(' ');
      if (text !== quoted) issue(line, `text ${JSON.stringify(quoted)} is not the text at the offsets (${JSON.stringify(text)})`, id);
      if (!config.entities.has(type) && !eventTypes.has(type)) issue(line, `${type} is not a known textbound type`, id);
      textbounds.set(id, { id, type, frags, line });
      typeOf.set(id, { type, kind: 'T' });
    } else if (kind === 'E') {
      const parts = rest.split(' ');
      const [type, trigger] = (parts[0] ?? '').split(':');
      const args = parts.slice(1).map((p) => p.split(':') as [string, string]);
      if (args.some((a) => a.length !== 2 || !a[0] || !a[1])) issue(line, `bad event arguments ${JSON.stringify(rest)}`, id);
      events.push({ id, type, trigger, args, line });
      typeOf.set(id, { type, kind: 'E' });
    } else if (kind === 'A') {
      const a = rest.split(' ');
      if (a.length < 2 || a.length > 3) return issue(line, `bad attribute line ${JSON.stringify(raw)}`, id);
      attributes.push({ id, name: a[0], target: a[1], value: a[2], line });
    } else if (kind === 'N') {
      const n = /^(\S+) (\S+) (\S+?):(\S+)\t(.*)$/.exec(rest);
      if (!n) return issue(line, `bad normalization line ${JSON.stringify(raw)}`, id);
      if (n[1] !== 'Reference') issue(line, `normalization type ${n[1]} (brat writes Reference)`, id);
      if (!config.normalization.has(n[3])) issue(line, `normalization DB ${n[3]} is not declared in tools.conf`, id);
      refs.push({ id, target: n[2], line });
    } else if (kind === '#') {
      const c = /^(\S+) (\S+)\t(.*)$/.exec(rest);
      if (!c) return issue(line, `bad note line ${JSON.stringify(raw)}`, id);
      refs.push({ id, target: c[2], line });
    } else issue(line, `${kind} annotations are not expected in these exports`, id);
  });

  const triggerUse = new Map<string, number>();
  for (const e of events) {
    if (!eventTypes.has(e.type)) issue(e.line, `${e.type} is not a known event type`, e.id);
    const t = textbounds.get(e.trigger);
    if (!t) issue(e.line, `trigger ${e.trigger} does not exist`, e.id);
    else if (t.type !== e.type) issue(e.line, `trigger ${e.trigger} is a ${t.type}, not a ${e.type}`, e.id);
    triggerUse.set(e.trigger, (triggerUse.get(e.trigger) ?? 0) + 1);
    const declared = config.events.get(e.type) ?? [];
    const counts = new Map<string, number>();
    for (const [roleRaw, target] of e.args) {
      const role = roleRaw.replace(/\d+$/, '');
      counts.set(role, (counts.get(role) ?? 0) + 1);
      const arg = declared.find((a) => a.role === role);
      if (!arg) {
        issue(e.line, `${e.type} cannot take a ${role} argument`, e.id);
        continue;
      }
      const tt = typeOf.get(target);
      if (!tt) issue(e.line, `argument ${roleRaw}:${target} refers to nothing`, e.id);
      else if (!arg.types.includes(tt.type) && !(arg.types.includes('<ENTITY>') && config.entities.has(tt.type)) && !(arg.types.includes('<EVENT>') && eventTypes.has(tt.type))) issue(e.line, `${e.type} argument ${role} cannot be of type ${tt.type}`, e.id);
    }
    for (const arg of declared) {
      const c = counts.get(arg.role) ?? 0;
      if (c > 1 && arg.max === 1) issue(e.line, `${e.type} cannot take multiple ${arg.role} arguments`, e.id);
      else if (c > arg.max) issue(e.line, `${e.type} can take at most ${arg.max} ${arg.role} arguments`, e.id);
      if (c < arg.min) issue(e.line, `${e.type} needs at least ${arg.min} ${arg.role} arguments`, e.id);
    }
  }
  const triggersBySpan = new Map<string, string[]>();
  for (const t of textbounds.values()) {
    if (!eventTypes.has(t.type)) continue;
    if (!triggerUse.has(t.id)) issue(t.line, `trigger ${t.id} is not referenced from any event`, t.id);
    const key = `${t.type} ${JSON.stringify(t.frags)}`;
    triggersBySpan.set(key, [...(triggersBySpan.get(key) ?? []), t.id]);
  }
  for (const ts of triggersBySpan.values()) if (ts.length > 1) issue(0, `triggers ${ts.join(',')} have identical span and type`);

  for (const a of attributes) {
    const decl = config.attributes.get(a.name);
    const target = typeOf.get(a.target);
    if (!decl) issue(a.line, `${a.name} is not a known attribute`, a.id);
    if (!target) issue(a.line, `attribute target ${a.target} does not exist`, a.id);
    if (!decl || !target) continue;
    const allowed = decl.targets.includes(target.type) || (decl.targets.includes('<ENTITY>') && target.kind === 'T' && config.entities.has(target.type)) || (decl.targets.includes('<EVENT>') && target.kind === 'E');
    if (!allowed) issue(a.line, `${target.type} cannot take a ${a.name} attribute`, a.id);
    if (decl.values && (a.value === undefined || !decl.values.includes(a.value))) issue(a.line, `${a.name} value ${a.value} is not declared`, a.id);
    if (!decl.values && a.value !== undefined) issue(a.line, `${a.name} is binary but has the value ${a.value}`, a.id);
  }
  for (const r of refs) if (!typeOf.has(r.target)) issue(r.line, `${r.id} refers to ${r.target}, which does not exist`, r.id);

  // overlaps between entity (not trigger) spans, as allowed by <OVERLAP> rules
  const physical = [...textbounds.values()].filter((t) => config.entities.has(t.type));
  const allows = (a: string, b: string, kind: string): boolean =>
    config.overlap.some((o) => {
      const has = (list: string[], t: string): boolean => list.includes(t) || (list.includes('<ENTITY>') && config.entities.has(t));
      return ((has(o.arg1, a) && has(o.arg2, b)) || (has(o.arg1, b) && has(o.arg2, a))) && (o.kinds.has(kind) || o.kinds.has('<ANY>'));
    });
  for (let i = 0; i < physical.length; i++) {
    for (let j = i + 1; j < physical.length; j++) {
      const a = physical[i];
      const b = physical[j];
      const [as, ae] = [a.frags[0][0], a.frags[a.frags.length - 1][1]];
      const [bs, be] = [b.frags[0][0], b.frags[b.frags.length - 1][1]];
      if (!(bs < ae && be > as)) continue;
      const kind = as === bs && ae === be ? 'equal' : (as <= bs && be <= ae) || (bs <= as && ae <= be) ? 'contain' : 'cross';
      if (!allows(a.type, b.type, kind)) issue(b.line, `${b.id} ${kind === 'equal' ? 'has the same span as' : kind === 'contain' ? 'nests with' : 'crosses'} ${a.id}, which annotation.conf does not allow`, b.id);
    }
  }
  return issues;
}
