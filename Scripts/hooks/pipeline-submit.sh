#!/bin/sh
# Driftwatch retrain hook: submit a training-pipeline run and report its job id and cost estimate.
#
#   [hooks]
#   retrain = ["Scripts/hooks/pipeline-submit.sh", "https://pipelines.example.com/api/runs"]
#
# The API token comes from PIPELINE_TOKEN in the agent's environment (never argv, which any user
# can read in /proc). The event JSON is sent as the run's parameters, with the idempotency key as
# a header so a retried submission does not start a second run. The pipeline is expected to
# answer with JSON holding "id" (and optionally "estimated_cost"); this script prints the line
#   {"job_id":"<id>","cost":<estimated_cost>}
# which driftwatch records in its ledger. When the run ends, the pipeline (or a person) calls
#   driftwatch job complete <id> --status succeeded --cost 12.40 --model-version 3.3.0
set -eu
url="${1:?usage: pipeline-submit.sh URL}"
token="${PIPELINE_TOKEN:?set PIPELINE_TOKEN in the agent environment}"
response=$(curl -fsS --max-time 30 -X POST -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $token" -H "Idempotency-Key: ${DRIFTWATCH_IDEMPOTENCY_KEY:-}" \
    --data-binary @- "$url")
id=$(printf '%s' "$response" | sed -n 's/.*"id"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')
cost=$(printf '%s' "$response" | sed -n 's/.*"estimated_cost"[[:space:]]*:[[:space:]]*\([0-9.]*\).*/\1/p')
[ -n "$id" ] || { echo "pipeline answered without an id: $response" >&2; exit 1; }
if [ -n "$cost" ]; then
    printf '{"job_id":"%s","cost":%s}\n' "$id" "$cost"
else
    printf '{"job_id":"%s"}\n' "$id"
fi
