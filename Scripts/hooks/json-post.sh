#!/bin/sh
# Driftwatch hook: POST the event JSON, unchanged, to a URL (docs/EVENTS.md describes the body).
#
#   [hooks]
#   alert = ["Scripts/hooks/json-post.sh", "https://events.example.com/driftwatch"]
#
# The event's idempotency key goes in the Idempotency-Key header so the receiver can drop a retry
# it already processed. A non-2xx answer fails the hook (curl -f), and driftwatch retries alerts
# with backoff. Extra headers (an Authorization token, say) can come from DRIFTWATCH_POST_HEADER,
# set in the agent's environment, never on the command line.
set -eu
url="${1:?usage: json-post.sh URL}"
if [ -n "${DRIFTWATCH_POST_HEADER:-}" ]; then
    exec curl -fsS --max-time 20 -X POST -H 'Content-Type: application/json' \
        -H "Idempotency-Key: ${DRIFTWATCH_IDEMPOTENCY_KEY:-}" -H "$DRIFTWATCH_POST_HEADER" \
        --data-binary @- "$url"
fi
exec curl -fsS --max-time 20 -X POST -H 'Content-Type: application/json' \
    -H "Idempotency-Key: ${DRIFTWATCH_IDEMPOTENCY_KEY:-}" --data-binary @- "$url"
