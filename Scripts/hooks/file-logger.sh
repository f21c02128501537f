#!/bin/sh
# Driftwatch hook: append each event (the JSON object on standard input) as one line to FILE.
#
#   [hooks]
#   alert   = ["Scripts/hooks/file-logger.sh", "/var/log/driftwatch/events.jsonl"]
#   retrain = ["Scripts/hooks/file-logger.sh", "/var/log/driftwatch/events.jsonl"]
#
# The payload is only ever copied as data: nothing from it is evaluated by the shell.
set -eu
file="${1:?usage: file-logger.sh FILE}"
payload=$(cat)
printf '%s\n' "$payload" >> "$file"
