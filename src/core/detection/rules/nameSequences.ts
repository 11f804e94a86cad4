/**
 * Capitalised sequences, the raw material of the name rules: runs of capitalised words joined by single
 * spaces, with connectors inside names ("Men of the Army of Naqshbandia"), and their splits at "and" and at
 * connectors. Ranges are [first, last] token indexes, inclusive.
 */
import { gap1, gap2, type RuleContext } from '../ruleContext';
import { W_CONNECTOR, W_LOWER_HYPHEN_TAIL, W_NAME, W_NAME_INNER, W_NAME_LINK, W_SINGLE_CAPITAL, W_STOP, wordFlags } from '../wordFlags';

/** Capitalised sequences ("Rami Abdel Rahman", "Men of the Army of Naqshbandia"): [first, last] token indexes. */
export function capitalisedSequences(ctx: RuleContext): Array<[number, number]> {
  // a loop, not push(...): a spread of a huge array overflows the stack (7 MB articles)
  if (ctx.sequences.length === 0) for (const s of findCapitalisedSequences(ctx)) ctx.sequences.push(s);
  return ctx.sequences;
}

function findCapitalisedSequences(ctx: RuleContext): Array<[number, number]> {
  const { tokens, text } = ctx;
  const out: Array<[number, number]> = [];
  let i = 0;
  while (i < tokens.length) {
    // "Qaeda-linked", "Saudi-led": adjectives, not the start of a name
    const fi = wordFlags(tokens[i]);
    if ((fi & (W_NAME | W_STOP | W_LOWER_HYPHEN_TAIL)) !== W_NAME || sentenceVerb(ctx, i)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < tokens.length && !tokens[j].possessive) {
      const next = tokens[j + 1];
      const initial = (wordFlags(tokens[j]) & W_SINGLE_CAPITAL) !== 0 && gap2(text, tokens[j], next, 46, 32);
      if (!(gap1(text, tokens[j], next, 32) || initial)) break;
      const fn = wordFlags(next);
      if ((fn & W_NAME) !== 0 && ((fn & W_STOP) === 0 || (fn & W_NAME_INNER) !== 0)) {
        j++;
        continue;
      }
      // connectors inside names: "of the", "for", "and", "al"
      if ((fn & W_NAME_LINK) !== 0) {
        let k = j + 1;
        while (k + 1 < tokens.length && (wordFlags(tokens[k + 1]) & W_CONNECTOR) !== 0 && gap1(text, tokens[k], tokens[k + 1], 32)) k++;
        if (k + 1 < tokens.length && gap1(text, tokens[k], tokens[k + 1], 32) && (wordFlags(tokens[k + 1]) & (W_NAME | W_STOP)) === W_NAME) {
          j = k + 1;
          continue;
        }
      }
      break;
    }
    out.push([i, j]);
    i = j + 1;
  }
  return out;
}

// Unicode-class patterns live at module level: bundled for Node they would otherwise be rebuilt per call.
const VERB_FORM = /^\p{Lu}\p{Ll}{3,}(?:ing|ed)$/u;

/** "Addressing the Human Rights Council", "Speaking to reporters": a sentence-initial verb form before a connector. */
function sentenceVerb(ctx: RuleContext, i: number): boolean {
  const t = ctx.tokens[i];
  const next = ctx.tokens[i + 1];
  return ctx.sentenceStarts[i] === 1 && VERB_FORM.test(t.text) && next !== undefined && (wordFlags(next) & W_CONNECTOR) !== 0;
}

/**
 * Every capitalised sequence split at "and" (splitAtAnd), in text order: the organisation and place rules both
 * walk these, so they are split once.
 */
export function sequenceParts(ctx: RuleContext): Array<[number, number]> {
  if (ctx.sequenceParts.length === 0) for (const [a, b] of capitalisedSequences(ctx)) splitAtAnd(ctx, a, b, ctx.sequenceParts);
  return ctx.sequenceParts;
}

/** Splits a capitalised sequence at "and" unless the part before it is inside an "of"/"for" name (into `out`). */
function splitAtAnd(ctx: RuleContext, a: number, b: number, out: Array<[number, number]>): void {
  let s = a;
  let sawOf = false;
  for (let k = a; k <= b; k++) {
    const w = ctx.tokens[k].text;
    if (w === 'of' || w === 'for') sawOf = true;
    if (w === 'and' && !sawOf) {
      let e = k - 1;
      while (e >= s && (wordFlags(ctx.tokens[e]) & W_CONNECTOR) !== 0) e--;
      if (e >= s) out.push([s, e]);
      s = k + 1;
      while (s <= b && (wordFlags(ctx.tokens[s]) & W_CONNECTOR) !== 0) s++;
    }
  }
  if (s <= b) out.push([s, b]);
}

/** Runs of name tokens without the connectors "of", "for", "the", "and" (for person and place rules). */
export function nameRuns(ctx: RuleContext, a: number, b: number, out: Array<[number, number]>): void {
  let s = -1;
  for (let k = a; k <= b + 1; k++) {
    const connector = k > b || (wordFlags(ctx.tokens[k]) & W_CONNECTOR) !== 0;
    if (!connector && s < 0) s = k;
    if (connector && s >= 0) {
      out.push([s, k - 1]);
      s = -1;
    }
  }
}
