#!/usr/bin/env python3
"""Check hook events (one JSON object per line, as Scripts/hooks/file-logger.sh writes them)
against docs/events.schema.json.

    python3 Scripts/check_event_schema.py events.jsonl

Needs the `jsonschema` package. Exits 1 on the first event that does not validate.
"""
import json
import pathlib
import sys

import jsonschema

schema = json.loads((pathlib.Path(__file__).parent.parent / "docs" / "events.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
count = 0
for number, line in enumerate(open(sys.argv[1]), 1):
    if not line.strip():
        continue
    errors = sorted(validator.iter_errors(json.loads(line)), key=str)
    if errors:
        print(f"{sys.argv[1]}:{number}: {errors[0].message} at {list(errors[0].absolute_path)}")
        sys.exit(1)
    count += 1
print(f"{count} events valid")
