/**
 * WebAnno TSV 3.x (WebAnno, INCEpTION). The text is rebuilt from the `#Text=` lines, each sentence placed at its
 * first token's offset, gaps (text between sentences, which the format does not keep) as line breaks. Offsets
 * are UTF-16 code units. Mentions come from the NamedEntity layer (`value` the label, `identifier` the entity),
 * or else from the first span layer (its first feature the label). A value over several tokens or stacked with
 * another carries a disambiguation id (`PER[3]`); `_` is no annotation, `*` no value. Sub-token lines and other
 * layers are not read.
 */
import { WEBANNO_NE_LAYER } from '../exports/webannoTsv';
import type { Problem } from '../problem';
import { TextIndex } from '../text/textIndex';
import { emptyDocument, fromUtf16, problem, type ImportResult, type ImportSource } from './importedDocument';

function unescapeValue(v: string): string {
  return v.replace(/\\(->|[\\[\]|_;*tn])/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c));
}

function unescapeText(v: string): string {
  return v.replace(/\\([\s\S])/g, (_, c: string) => ({ t: '\t', n: '\n', f: '\f', r: '\r', b: '\b', '\\': '\\' })[c] ?? c);
}

/** Splits a stacked column at `|` not escaped. */
function splitStack(v: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < v.length; i++) {
    if (v[i] === '\\' && i + 1 < v.length) {
      cur += v[i] + v[++i];
    } else if (v[i] === '|') {
      out.push(cur);
      cur = '';
    } else cur += v[i];
  }
  out.push(cur);
  return out;
}

interface Layer {
  name: string;
  features: string[];
  kind: 'SP' | 'CH' | 'RL';
}

export function readWebanno(source: ImportSource): ImportResult {
  const problems: Problem[] = [];
  const lines = source.text.replace(/^\ufeff/, '').split('\n').map((l) => l.replace(/\r$/, ''));
  if (!/^#FORMAT=WebAnno TSV 3\./.test(lines[0] ?? '')) return { documents: [], problems: [problem('not WebAnno TSV 3.x (no #FORMAT=WebAnno TSV 3 line)', 1)] };
  const layers: Layer[] = [];
  for (const l of lines) {
    const m = /^#T_(SP|CH|RL)=([^|]+)\|?(.*)$/.exec(l);
    if (m) layers.push({ kind: m[1] as Layer['kind'], name: m[2], features: m[3] ? m[3].split('|') : [] });
  }
  // column of each layer's first feature (after id, offsets, token): one per header entry (slot roles and their
  // targets, a relation's BT_ base), one placeholder for a layer without features
  let col = 3;
  const at = new Map<Layer, number>();
  for (const layer of layers) {
    at.set(layer, col);
    col += Math.max(1, layer.features.length);
  }
  const ne = layers.find((l) => l.kind === 'SP' && l.name === WEBANNO_NE_LAYER) ?? layers.find((l) => l.kind === 'SP');
  let labelCol = -1;
  let entityCol = -1;
  if (ne) {
    const base = at.get(ne)!;
    const value = ne.features.indexOf('value');
    labelCol = base + (value >= 0 ? value : 0);
    const identifier = ne.features.indexOf('identifier');
    entityCol = identifier >= 0 ? base + identifier : -1;
  } else problems.push(problem('no span layer: nothing to import', 0, 'warning'));

  let text = '';
  let sentenceText: string[] = [];
  let sentencePlaced = true;
  const tokens: { start: number; end: number; cols: string[]; line: number }[] = [];
  lines.forEach((l, i) => {
    if (l.startsWith('#Text=')) {
      if (sentencePlaced) sentenceText = [];
      sentencePlaced = false;
      sentenceText.push(unescapeText(l.slice('#Text='.length)));
      return;
    }
    const m = /^(\d+)-(\d+)(\.\d+)?\t(\d+)-(\d+)\t/.exec(l);
    if (!m) return;
    if (m[3]) return; // sub-token
    const start = Number(m[4]);
    const end = Number(m[5]);
    if (!sentencePlaced) {
      // the sentence starts at its first token: pad the text up to there
      if (start < text.length) problems.push(problem(`sentence at ${start} overlaps the text before it`, i + 1));
      text += '\n'.repeat(Math.max(0, start - text.length)) + sentenceText.join('\n');
      sentencePlaced = true;
    }
    tokens.push({ start, end, cols: l.split('\t'), line: i + 1 });
  });
  const doc = emptyDocument(source.name.replace(/\.tsv$/i, '.txt'), text, source.name);
  const index = new TextIndex(text);
  if (labelCol < 0) return { documents: [doc], problems };
  // annotations by disambiguation id (multi-token or stacked) or single-token
  const open = new Map<string, { start: number; end: number; label: string; entity?: string }>();
  const done: { start: number; end: number; label: string; entity?: string }[] = [];
  for (const t of tokens) {
    const labels = t.cols[labelCol];
    if (labels === undefined || labels === '_') continue;
    const entities = entityCol >= 0 && t.cols[entityCol] !== undefined && t.cols[entityCol] !== '_' ? splitStack(t.cols[entityCol]) : [];
    splitStack(labels).forEach((v, k) => {
      const m = /^(.*?)(?:\[(\d+)\])?$/.exec(v)!;
      const label = m[1] === '*' ? '' : unescapeValue(m[1]);
      const e = entities[k] ? /^(.*?)(?:\[\d+\])?$/.exec(entities[k])![1] : '*';
      const entity = e && e !== '*' ? unescapeValue(e) : undefined;
      if (m[2] === undefined) {
        done.push({ start: t.start, end: t.end, label, entity });
        return;
      }
      const a = open.get(m[2]);
      if (a) a.end = t.end;
      else open.set(m[2], { start: t.start, end: t.end, label, entity });
    });
  }
  for (const a of [...done, ...open.values()].sort((x, y) => x.start - y.start || y.end - x.end)) {
    const span = fromUtf16(index, a.start, a.end);
    if (!span || !a.label) {
      problems.push(problem(`annotation ${a.label || '*'} at ${a.start}-${a.end} is not a span of the text or has no label`));
      continue;
    }
    doc.mentions.push({ ...span, label: a.label, status: 'accepted', ...(a.entity ? { entity: a.entity } : {}) });
  }
  return { documents: [doc], problems };
}
