#!/bin/sh
# Driftwatch hook: post a one-line summary to a Slack-compatible incoming webhook.
#
#   [hooks]
#   alert = ["Scripts/hooks/slack-webhook.sh"]
#
# The webhook URL is a secret: it comes from SLACK_WEBHOOK_URL in the agent's environment (for
# systemd, an EnvironmentFile readable by the service user only), never from the config file.
# The message is built from the DRIFTWATCH_* variables; quotes and backslashes are escaped so the
# body stays valid JSON whatever the model is called.
set -eu
url="${SLACK_WEBHOOK_URL:?set SLACK_WEBHOOK_URL in the agent environment}"
cat > /dev/null  # the full event is on stdin; this hook only needs the variables
escape() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g'; }
event=$(escape "${DRIFTWATCH_EVENT:-event}")
model=$(escape "${DRIFTWATCH_MODEL:-?}")
version=$(escape "${DRIFTWATCH_VERSION:-}")
decision="${DRIFTWATCH_DECISION_ID:-?}"
text="driftwatch: *${event}* for model \`${model}\` ${version} (decision #${decision}; \`driftwatch explain ${decision}\`)"
printf '{"text":"%s"}' "$text" |
    curl -fsS --max-time 20 -X POST -H 'Content-Type: application/json' --data-binary @- "$url" > /dev/null
