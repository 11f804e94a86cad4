/**
 * The seal that lets `annotate` skip a document without parsing it: `document.fingerprint` holds 16 hex digits
 * of a SHA-256 over the detector's inputs (DETECTOR_VERSION, workspace gazetteer, place data, learned names),
 * the text's SHA-256 and the sidecar file itself, its own 16 digits read as zeros. It matches only while the
 * text, the detector and every byte of the sidecar are as annotate left them: any edit (a person's, the
 * editor's, git's) breaks it, and the next run does the whole work again. It guards against stale work, not
 * against forgery.
 *
 * The digits sit in the `document:` line, which the canonical layout always writes as one flow map.
 */
import { createHash } from 'node:crypto';

/** What the digits are while the hash is computed. */
export const SEAL_PLACEHOLDER = '0000000000000000';
const KEY = 'fingerprint: "';
const DOCUMENT_LINE = '\ndocument: {';

function ascii(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}
const KEY_BYTES = ascii(KEY);
const DOCUMENT_BYTES = ascii(DOCUMENT_LINE);
const PLACEHOLDER_BYTES = ascii(SEAL_PLACEHOLDER);

function indexOf(bytes: Uint8Array, needle: Uint8Array, from: number, to: number): number {
  const first = needle[0];
  const last = Math.min(to, bytes.length) - needle.length;
  outer: for (let i = bytes.indexOf(first, from); i >= 0 && i <= last; i = bytes.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Byte offset of the fingerprint's 16 digits in the `document:` line, or -1 when it has none. */
function digitsAt(bytes: Uint8Array): number {
  const line = indexOf(bytes, DOCUMENT_BYTES, 0, bytes.length);
  if (line < 0) return -1;
  let end = bytes.indexOf(10, line + 1);
  if (end < 0) end = bytes.length;
  const key = indexOf(bytes, KEY_BYTES, line, end);
  if (key < 0) return -1;
  const at = key + KEY_BYTES.length;
  return at + 16 < end && bytes[at + 16] === 0x22 ? at : -1;
}

function sealOf(bytes: Uint8Array, at: number, inputs: string, textSha256: string): string {
  // the digits read as zeros: the bytes around them are hashed as views, never written to (a caller's Buffer
  // is the file it will compare and merge with; and a Buffer's slice is a view, not a copy, to put back from)
  return createHash('sha256')
    .update(inputs)
    .update('\0')
    .update(textSha256)
    .update('\0')
    .update(bytes.subarray(0, at))
    .update(PLACEHOLDER_BYTES)
    .update(bytes.subarray(at + 16))
    .digest('hex')
    .slice(0, 16);
}

/** Whether `bytes` (a sidecar file) carry a seal that matches them, this text and these detector inputs. */
export function isSealed(bytes: Uint8Array, inputs: string, textSha256: string): boolean {
  const at = digitsAt(bytes);
  if (at < 0) return false;
  let digits = '';
  for (let i = at; i < at + 16; i++) digits += String.fromCharCode(bytes[i]);
  return digits !== SEAL_PLACEHOLDER && sealOf(bytes, at, inputs, textSha256) === digits;
}

/**
 * `yaml` (rendered with `fingerprint` set to {@link SEAL_PLACEHOLDER}) with the seal in place of the
 * placeholder, and its UTF-8 bytes (encoded once: a long text's sidecar is tens of megabytes); undefined when
 * its document line has no placeholder.
 */
export function sealYaml(yaml: string, inputs: string, textSha256: string): { yaml: string; fingerprint: string; bytes: Uint8Array } | undefined {
  const bytes = new TextEncoder().encode(yaml);
  const at = digitsAt(bytes);
  if (at < 0) return undefined;
  for (let i = 0; i < 16; i++) if (bytes[at + i] !== PLACEHOLDER_BYTES[i]) return undefined;
  const fingerprint = sealOf(bytes, at, inputs, textSha256);
  // these bytes are this function's own: the digits (ASCII) go in where the placeholder was
  for (let i = 0; i < 16; i++) bytes[at + i] = fingerprint.charCodeAt(i);
  // the same place in the string: the document line before the digits is all the header and short keys, but
  // a text name may hold non-ASCII characters, so the digits are found again in the string itself
  const line = yaml.indexOf(DOCUMENT_LINE);
  const key = yaml.indexOf(`${KEY}${SEAL_PLACEHOLDER}"`, line);
  return { yaml: yaml.slice(0, key + KEY.length) + fingerprint + yaml.slice(key + KEY.length + 16), fingerprint, bytes };
}
