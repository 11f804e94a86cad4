/**
 * Turns the bytes of an article into the text that offsets count in. Only UTF-8 is accepted: guessing a legacy
 * encoding would silently shift every offset.
 */
import { createHash } from 'node:crypto';

export class TextDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TextDecodeError';
  }
}

export interface DecodedText {
  /** The text after the BOM (if any); CRLF and lone CR are kept as stored. */
  text: string;
  /** Hex SHA-256 of the raw bytes, BOM included. */
  sha256: string;
  /** Whether the file started with a UTF-8 byte order mark (offsets count from after it). */
  bom: boolean;
}

/** Binary files almost always have a NUL early; text never does. */
const BINARY_SNIFF_BYTES = 8192;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function decodeText(bytes: Uint8Array): DecodedText {
  const sniff = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < sniff; i++) {
    if (bytes[i] === 0) {
      throw new TextDecodeError(`this looks like a binary file (NUL byte at offset ${i}), not a UTF-8 text article`);
    }
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let text: string;
  try {
    // ignoreBOM: keep the BOM in the decoded string so we strip it ourselves and know it was there.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new TextDecodeError(`the file is not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8(bytes)}); convert it to UTF-8 first`);
  }
  if (bom) text = text.slice(1);
  return { text, sha256: sha256Hex(bytes), bom };
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence (for the error message). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (n === 0 || i + n > bytes.length) return i;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + n));
    } catch {
      return i;
    }
    i += n;
  }
  return bytes.length;
}
