import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { decodeText, sha256Hex, TextDecodeError } from '../../src/core/text/decodeText';
import { TextIndex } from '../../src/core/text/textIndex';

const enc = (s: string) => new TextEncoder().encode(s);

describe('decodeText', () => {
  it('hashes the raw bytes', () => {
    const bytes = enc('ISIL took Mosul.');
    const d = decodeText(bytes);
    expect(d).toEqual({ text: 'ISIL took Mosul.', sha256: createHash('sha256').update(bytes).digest('hex'), bom: false });
    expect(sha256Hex(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('strips a UTF-8 BOM but hashes it, and offsets count from after it', () => {
    const raw = new Uint8Array([0xef, 0xbb, 0xbf, ...enc('Goma fell')]);
    const d = decodeText(raw);
    expect(d.bom).toBe(true);
    expect(d.text).toBe('Goma fell');
    expect(d.text.slice(0, 4)).toBe('Goma');
    expect(d.sha256).toBe(sha256Hex(raw));
    expect(d.sha256).not.toBe(sha256Hex(enc('Goma fell')));
  });

  it('keeps CRLF and mixed line endings as stored', () => {
    expect(decodeText(enc('a\r\nb\nc\rd')).text).toBe('a\r\nb\nc\rd');
  });

  it('decodes emoji and Arabic so code point offsets work', () => {
    const d = decodeText(enc('😀 قصف حلب'));
    const idx = new TextIndex(d.text);
    expect(idx.length).toBe(9);
    expect(idx.slice(2, 5)).toBe('قصف');
  });

  it('accepts an empty file', () => {
    expect(decodeText(new Uint8Array())).toMatchObject({ text: '', bom: false });
  });

  it('rejects binary files with a clear message', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(() => decodeText(png)).toThrow(TextDecodeError);
    expect(() => decodeText(png)).toThrow(/binary file \(NUL byte at offset 8\)/);
  });

  it('rejects invalid UTF-8 (Latin-1, truncated sequences, overlongs)', () => {
    expect(() => decodeText(new Uint8Array([0x63, 0x61, 0x66, 0xe9]))).toThrow(/not valid UTF-8 \(first bad byte at offset 3\)/);
    expect(() => decodeText(new Uint8Array([0x41, 0xf0, 0x9f, 0x98]))).toThrow(TextDecodeError);
    expect(() => decodeText(new Uint8Array([0xc0, 0xaf]))).toThrow(/offset 0/);
    expect(() => decodeText(new Uint8Array([0xed, 0xa0, 0x80]))).toThrow(TextDecodeError); // lone surrogate
  });

  it('only sniffs the first 8 KB for NUL bytes', () => {
    const bytes = new Uint8Array(9000).fill(0x61);
    bytes[8500] = 0;
    expect(decodeText(bytes).text.length).toBe(9000);
  });
});
