import DriftCore
import DriftIngest
import DriftStore

/// The JSON stored in a decision's `reasons`, `guardrails` and `inputs` columns, and the hook
/// event payload (docs/EVENTS.md). Compact, keys in a fixed order.
enum DecisionJSON {
    /// The version of the event payload's schema (docs/events.schema.json).
    static let eventSchemaVersion = 1

    static func reasons(_ reasons: [DecisionReason]) -> String {
        var json = JSONWriter()
        json.array { json in
            for reason in reasons {
                json.object { json in
                    json.member("code", reason.code.rawValue)
                    json.member("message", reason.message)
                }
            }
        }
        return json.text
    }

    static func guardrails(_ verdicts: [GuardrailVerdict]) -> String {
        var json = JSONWriter()
        json.array { json in
            for verdict in verdicts {
                json.object { json in
                    json.member("name", verdict.guardrail.rawValue)
                    json.member("verdict", verdict.outcome.rawValue)
                    json.member("detail", verdict.detail)
                }
            }
        }
        return json.text
    }

    /// The figures and thresholds behind a policy decision.
    static func inputs(_ decision: PolicyDecision, rows: UInt64, policy: DecisionPolicy) -> String {
        var json = JSONWriter()
        json.object { json in
            json.member("rows", rows)
            json.member("min_rows", policy.minimumRows)
            let drift = decision.drift
            json.member("scored_features", drift.scoredFeatures)
            json.member("drifted_features", drift.driftedFeatures)
            json.member("drift_share", drift.share)
            json.member("drift_share_threshold", policy.driftShare)
            json.member("prediction_drift", drift.predictionDrift)
            json.member("critical_drifted", drift.criticalDrifted)
            json.member("window_drifts", drift.isDrifting)
            json.member("held_windows", drift.heldWindows)
            json.member("drift_windows", policy.required)
            json.member("lookback_windows", policy.lookback)
            json.member("performance", decision.performance) { performance, json in
                json.object { json in
                    json.member("labeled_rows", performance.labeledRows)
                    json.member("floor_metric", policy.floor?.metric.rawValue)
                    json.member("floor", policy.floor?.value)
                    json.member("floor_value", performance.floorValue)
                    json.member("drop_metric", policy.maximumDrop?.metric.rawValue)
                    json.member("max_drop", policy.maximumDrop?.value)
                    json.member("drop", performance.drop)
                    json.member("source", performance.source?.rawValue)
                    json.member("floor_std", performance.floorStandardError)
                    json.member("drop_std", performance.dropStandardError)
                }
            }
        }
        return json.text
    }

    /// The event sent on a hook's standard input.
    static func event(
        _ event: HookEvent, decision: StoredDecision, key: String, job: StoredJob?, attempt: Int, sentMs: Int64
    ) -> String {
        var json = JSONWriter()
        json.object { json in
            json.member("schema_version", eventSchemaVersion)
            json.member("event", event.rawValue)
            json.member("idempotency_key", key)
            json.member("attempt", attempt)
            json.member("sent_at", timestamp: sentMs)
            json.key("decision")
            decisionObject(decision, &json)
            json.member("job", job) { job, json in
                json.object { json in
                    json.member("job_id", job.jobId)
                    json.member("status", job.status)
                    json.member("cost_estimate", job.estimate)
                }
            }
        }
        return json.text + "\n"
    }

    /// One decision as the `decisions[]` element of `driftwatch decisions --format json`;
    /// `supersededBy` is the id of the decision that replaced it, if any; `more` writes further
    /// keys at the end (the report's `denied_by` and `jobs`).
    static func decisionObject(
        _ decision: StoredDecision, supersededBy: Int64? = nil, _ json: inout JSONWriter,
        more: (inout JSONWriter) -> Void = { _ in }
    ) {
        json.object { json in
            json.member("id", decision.id)
            json.member("mode", decision.mode)
            json.member("model", decision.model)
            json.member("version", decision.version)
            json.member("window_start", timestamp: decision.windowStartMs)
            json.member("window_end", timestamp: decision.windowEndMs)
            json.member("decided_at", timestamp: decision.decidedMs)
            json.member("verdict", decision.verdict)
            json.member("action", decision.action)
            json.member("reasons", raw: decision.reasons)
            json.member("guardrails", raw: decision.guardrails)
            json.member("inputs", raw: decision.inputs)
            json.member("episode_id", decision.episodeId)
            json.member("approved_at", timestamp: decision.approvedMs)
            json.member("revision", decision.revision)
            json.member("supersedes", decision.supersedes)
            json.member("superseded_by", supersededBy)
            more(&json)
        }
    }
}
