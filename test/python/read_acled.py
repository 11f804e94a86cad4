"""Read an ACLED CSV export with pandas and print its columns, dtypes and rows as JSON
(used by test/unit/exportReaders.test.ts).

Usage: python3 read_acled.py FILE.csv
"""
import json
import sys

import pandas as pd


def main(path):
    df = pd.read_csv(path)
    print(json.dumps({
        "columns": list(df.columns),
        "dtypes": {c: str(t) for c, t in df.dtypes.items()},
        "rows": json.loads(df.to_json(orient="records")),
    }))


if __name__ == "__main__":
    main(sys.argv[1])
