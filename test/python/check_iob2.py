"""A strict IOB2 check of token tags, as seqeval's strict mode (scheme IOB2) counts entities, written here because
seqeval is not installed (used by test/unit/exportReaders.test.ts).

Strict IOB2: an entity is one B-X followed by any number of I-X in the same sentence; an I-X that does not
continue a B-X/I-X of the same label, or a tag that is not O, B-X or I-X, is an error (seqeval's strict mode
would silently drop such an entity, which is how one mention becomes none or two).

Usage: python3 check_iob2.py conll FILE.conll   (CoNLL-2003: -DOCSTART- lines, blank lines between sentences)
       python3 check_iob2.py hf FOLDER          (a Hugging Face dataset folder, read with datasets.load_dataset)
Prints JSON: {"documents": [[[label, "tokens joined by spaces"], ...], ...], "errors": [...], "entities": N}, the
documents in file order (conll) or by document name (hf: {"NAME": [...]}, from the rows' ids "NAME#N").
"""
import json
import os
import re
import sys

TAG = re.compile(r"^(O|([BI])-(\S+))$")


def entities(sentence, where, errors):
    """The entities of one sentence of (token, tag) pairs; errors get every invalid tag."""
    out = []
    open_ = None
    for i, (token, tag) in enumerate(sentence):
        m = TAG.match(tag)
        if not m:
            errors.append(f"{where} token {i} {token!r}: {tag!r} is not an IOB2 tag")
            open_ = None
            continue
        if tag == "O":
            open_ = None
        elif m.group(2) == "B":
            open_ = [m.group(3), [token]]
            out.append(open_)
        elif open_ is not None and open_[0] == m.group(3):
            open_[1].append(token)
        else:
            errors.append(f"{where} token {i} {token!r}: {tag} does not continue an entity of its label")
            open_ = None
    return [[label, " ".join(words)] for label, words in out]


def conll(path):
    docs, errors, sentence, where = [], [], [], ""
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")

    def flush():
        if sentence:
            if not docs:
                errors.append(f"{where}: tokens before the first -DOCSTART-")
                docs.append([])
            docs[-1].extend(entities(sentence, where, errors))
            sentence.clear()

    for n, line in enumerate(lines, 1):
        if line.startswith("-DOCSTART-"):
            flush()
            docs.append([])
        elif line.strip() == "":
            flush()
        else:
            cols = line.split(" ")
            if len(cols) != 4 or len(line.split()) != 4:
                errors.append(f"line {n}: {len(cols)} columns, not 4: {line!r}")
                continue
            where = f"line {n}"
            sentence.append((cols[0], cols[3]))
    flush()
    return docs, errors


def hf(folder):
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["HF_DATASETS_OFFLINE"] = "1"
    import tempfile

    from datasets import load_dataset

    docs, errors, by_doc = [], [], {}
    with tempfile.TemporaryDirectory() as cache:
        ds = load_dataset(os.path.abspath(folder), cache_dir=cache)
        for split, d in ds.items():
            names = d.features["ner_tags"].feature.names
            for row in d:
                # rows are sentences "NAME#N"; -100 (unknown) must not occur in reviewed documents
                tags = ["-100" if t == -100 else names[t] for t in row["ner_tags"]]
                name = row["id"].rsplit("#", 1)[0]
                by_doc.setdefault(name, []).extend(entities(list(zip(row["tokens"], tags)), f"{split} {row['id']}", errors))
    return by_doc, errors


if __name__ == "__main__":
    kind, path = sys.argv[1], sys.argv[2]
    docs, errors = conll(path) if kind == "conll" else hf(path)
    count = sum(len(d) for d in (docs.values() if isinstance(docs, dict) else docs))
    print(json.dumps({"documents": docs, "errors": errors, "entities": count}))
