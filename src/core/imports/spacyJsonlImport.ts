/**
 * spaCy-style span JSONL, `{"text", "spans": [{"start", "end", "label"}], "meta": {"name", "sha256", "status"}}`
 * (this tool's `jsonl` export and what spaCy users keep their corpora in). Offsets are code points.
 */
import type { ImportResult, ImportSource } from './importedDocument';
import { readSpanJsonl } from './prodigyImport';

export const readSpacyJsonl = (source: ImportSource): ImportResult => readSpanJsonl(source, false);
