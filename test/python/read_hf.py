"""Load a Hugging Face export folder with `datasets.load_dataset(folder)` and print what it holds as JSON
(used by test/unit/exportReaders.test.ts). Offline, with a fresh cache, so nothing stale is read back.

Usage: python3 read_hf.py FOLDER
"""
import json
import os
import sys
import tempfile

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["HF_DATASETS_OFFLINE"] = "1"

from datasets import ClassLabel, load_dataset  # noqa: E402


def main(folder):
    with tempfile.TemporaryDirectory() as cache:
        ds = load_dataset(os.path.abspath(folder), cache_dir=cache)
        out = {}
        for split, d in ds.items():
            tags = d.features["ner_tags"].feature
            out[split] = {
                "classLabel": isinstance(tags, ClassLabel),
                "names": tags.names if isinstance(tags, ClassLabel) else None,
                "columns": d.column_names,
                "rows": d.to_list(),
            }
        print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])
