import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/core/text/splitSentences';

const texts = (t: string): string[] => splitSentences(t).map((s) => t.slice(s.start, s.end));

describe('splitSentences', () => {
  it('does not split after titles, initials and dotted acronyms', () => {
    expect(texts('Gen. Qassim Suleimani visited Iraq. U.S. troops left in 2011. William J. Burns met Mr. Kerry.')).toEqual([
      'Gen. Qassim Suleimani visited Iraq.',
      'U.S. troops left in 2011.',
      'William J. Burns met Mr. Kerry.',
    ]);
  });

  it('ends a sentence after a closing quote and at line breaks (CRLF too)', () => {
    expect(texts('"It is over." He left.\r\nHeadline here\r\n\r\nNext one.')).toEqual(['"It is over."', 'He left.', 'Headline here', 'Next one.']);
  });

  it('keeps lower-case continuations and handles empty text', () => {
    expect(texts('The town, about 80 km north etc. was quiet. Then it fell.')).toEqual(['The town, about 80 km north etc. was quiet.', 'Then it fell.']);
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences('   \n ')).toEqual([]);
  });
});
