/**
 * Warming the detector before the first article: the first annotation of a session runs the detector's code
 * unoptimised (two to three times slower than the tenth), and a person sees that as the first article's
 * highlights coming late. A host with time to spare annotates this made-up report (not a real article) a few
 * times, a paragraph at a time so that it can stop between two pieces the moment an article is opened, and
 * throws the results away.
 */
import type { GazetteerMatcher } from '../detection/types';
import type { Sidecar } from '../model';
import { emptySidecar } from '../sidecar/sidecarFormat';
import { parseSidecar } from '../sidecar/parseSidecar';
import { renderSidecar } from '../sidecar/renderSidecar';
import { withQuotes } from '../sidecar/sidecarStore';
import { annotateDocument } from './annotateDocument';

/** Written for this purpose: actors, places, people with titles, attributions, events, dates and counts. */
export const WARM_UP_TEXT = `Monday 3 March 2025

Clashes reported near the border town

NORTHTOWN, March 3 (Staff report) - Gunmen attacked a police checkpoint outside Kaduna in northern Nigeria on Sunday, killing at least 12 people and wounding 30 others, local officials said.
"They came at night on motorcycles and burned the market," said Musa Ibrahim, a resident of the district, who asked not to be named. According to a police spokesman, Abdullahi Yusuf, the attackers fled into the forest.
The Nigerian army said its troops later killed 20 militants in an air strike near the village. Boko Haram and the Islamic State have carried out similar raids in Borno State, the United Nations said in a report.
Hundreds of protesters marched in Abuja on Tuesday to demand better security, and police fired tear gas to disperse them, witnesses told reporters. Governor Ahmed Bello condemned the violence and promised an inquiry.
Separately, two soldiers were wounded when a roadside bomb exploded on the road to Maiduguri, the military said in a statement on Wednesday. Amnesty International called for an investigation into the killings.
In Syria, Turkish-backed fighters seized two villages from Kurdish forces north of Aleppo after heavy shelling, the Syrian Observatory for Human Rights reported. An official of the Syrian Democratic Forces denied the claim.
Russian forces struck Kharkiv with drones overnight, Ukrainian officials said, and one person was killed. Protesters in Khartoum accused the Rapid Support Forces of looting homes; the RSF did not respond to requests for comment.
A senior diplomat, speaking on condition of anonymity, told AFP that talks in Geneva would resume next week. President Joe Smith's spokesman said on Thursday that the United States was "deeply concerned".
`;

/**
 * WARM_UP_TEXT in the pieces a warm-up annotates one by one: the opening (date line, headline and the
 * paragraph with the dateline, which dates the events) and then each further paragraph.
 */
export const WARM_UP_PIECES: readonly string[] = (() => {
  const paragraphs = WARM_UP_TEXT.split(/(?<=\n)(?=\S)/);
  return [paragraphs.slice(0, 3).join(''), ...paragraphs.slice(3)];
})();

const NO_HASH = '0'.repeat(64);

/** One throw-away annotation of `text` (a piece of the warm-up text) with this gazetteer; returns how many mentions it found. */
export function warmUpDetector(gazetteer: GazetteerMatcher, text: string = WARM_UP_TEXT): number {
  return annotateDocument(emptySidecar('warm-up.txt', NO_HASH), text, NO_HASH, gazetteer).sidecar.mentions.length;
}

/**
 * One throw-away write and read of `sidecar` (made for `text`), `rounds` times: the first article a window
 * opens from its sidecar would otherwise be read by unoptimised code (35-47 ms for a sample article's sidecar
 * instead of 5-10). Returns the items read back.
 */
export function warmUpSidecarReader(sidecar: Sidecar, text: string, rounds = 3): number {
  let items = 0;
  for (let i = 0; i < rounds; i++) {
    const back = parseSidecar(renderSidecar(sidecar, undefined, text)).sidecar;
    if (back) items += withQuotes(back, text, back.document.sha256).mentions.length;
  }
  return items;
}
