"""Set the spans of a spaCy-style JSONL export as doc.ents with real spaCy (as a training script would) and print
how many each document got as JSON (used by test/unit/exportReaders.test.ts). Overlapping spans would raise E1010.

Usage: python3 read_spans_jsonl.py FILE.jsonl
"""
import json
import sys

import spacy


def main(path):
    nlp = spacy.blank("xx")
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            doc = nlp.make_doc(rec["text"])
            spans = [doc.char_span(s["start"], s["end"], label=s["label"], alignment_mode="expand") for s in rec["spans"]]
            doc.ents = [s for s in spans if s is not None]
            out.append({"name": rec["meta"]["name"], "ents": len(doc.ents), "spans": len(rec["spans"])})
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])
