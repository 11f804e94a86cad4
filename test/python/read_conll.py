"""Convert a CoNLL file with the real `spacy convert` CLI and print the Docs it made as JSON
(used by test/unit/exportReaders.test.ts).

Usage: python3 read_conll.py FILE.conll
"""
import json
import pathlib
import subprocess
import sys
import tempfile

import spacy
from spacy.tokens import DocBin


def main(src):
    with tempfile.TemporaryDirectory() as out:
        r = subprocess.run([sys.executable, "-m", "spacy", "convert", src, out, "--converter", "ner"], capture_output=True, text=True)
        log = r.stdout + r.stderr
        if r.returncode != 0:
            print(log, file=sys.stderr)
            return r.returncode
        docs = list(DocBin().from_disk(pathlib.Path(out) / (pathlib.Path(src).stem + ".spacy")).get_docs(spacy.blank("xx").vocab))
        print(json.dumps({
            "log": log,
            "docs": [{
                "words": [t.text for t in d],
                "sentStarts": [s.start for s in d.sents],
                "ents": [[e.label_, e.start, e.end, e.text] for e in d.ents],
            } for d in docs],
        }))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
