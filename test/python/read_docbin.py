"""Load a .spacy file with real spaCy and print what it holds as JSON (used by test/unit/spacyDocBin.test.ts).

Usage: python3 read_docbin.py FILE.spacy...
Besides the docs, reports per file whether it merges into a default DocBin() and survives spaCy's own
to_bytes/from_bytes unchanged.
"""
import json
import sys

import spacy
from spacy.symbols import NAMES
from spacy.tokens import DocBin
from spacy.training import Example


def describe(doc, nlp):
    span = lambda s: [s.label_, s.start_char, s.end_char, s.kb_id_, s.id_, s.start, s.end]
    return {
        "text": doc.text,
        "tokens": [[t.text, t.whitespace_, t.ent_iob_, t.ent_type_, t.ent_kb_id_] for t in doc],
        "ents": [span(e) for e in doc.ents],
        "spans": {key: [span(s) for s in group] for key, group in doc.spans.items()},
        "user_data": {str(k): v for k, v in doc.user_data.items()},
        "cats": doc.cats,
        # What NER training sees once spaCy's own tokenizer is aligned to ours: None is missing (no loss).
        "alignedNer": Example(nlp.make_doc(doc.text), doc).get_aligned_ner(),
    }


def read(path):
    nlp = spacy.blank("en")
    with open(path, "rb") as f:
        data = f.read()
    docs = list(DocBin().from_bytes(data).get_docs(nlp.vocab))
    merged = DocBin()
    merged.merge(DocBin().from_bytes(data))
    again = DocBin(docs=docs, store_user_data=True).to_bytes()
    redone = list(DocBin().from_bytes(again).get_docs(spacy.blank("en").vocab))
    described = [describe(d, nlp) for d in docs]
    return {
        "docs": described,
        "merged": len(merged),
        "roundTrip": [describe(d, nlp) for d in redone] == described,
    }


if __name__ == "__main__":
    files = [read(path) for path in sys.argv[1:]]
    print(json.dumps({"spacy": spacy.__version__, "symbols": list(NAMES), "files": files}))
