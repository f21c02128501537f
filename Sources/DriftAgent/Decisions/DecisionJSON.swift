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
                    json.key("code")
                    json.value(reason.code.rawValue)
                    json.key("message")
                    json.value(reason.message)
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
                    json.key("name")
                    json.value(verdict.guardrail.rawValue)
                    json.key("verdict")
                    json.value(verdict.outcome.rawValue)
                    json.key("detail")
                    json.value(verdict.detail)
                }
            }
        }
        return json.text
    }

    /// The figures and thresholds behind a policy decision.
    static func inputs(_ decision: PolicyDecision, rows: UInt64, policy: DecisionPolicy) -> String {
        var json = JSONWriter()
        json.object { json in
            json.key("rows")
            json.value(rows)
            json.key("min_rows")
            json.value(policy.minimumRows)
            let drift = decision.drift
            json.key("scored_features")
            json.value(drift.scoredFeatures)
            json.key("drifted_features")
            json.array { json in for name in drift.driftedFeatures { json.value(name) } }
            json.key("drift_share")
            json.value(drift.share)
            json.key("drift_share_threshold")
            json.value(policy.driftShare)
            json.key("prediction_drift")
            json.value(drift.predictionDrift)
            json.key("critical_drifted")
            json.array { json in for name in drift.criticalDrifted { json.value(name) } }
            json.key("window_drifts")
            json.value(drift.isDrifting)
            json.key("held_windows")
            json.value(drift.heldWindows)
            json.key("drift_windows")
            json.value(policy.required)
            json.key("lookback_windows")
            json.value(policy.lookback)
            json.key("performance")
            if let performance = decision.performance {
                json.object { json in
                    json.key("labeled_rows")
                    json.value(performance.labeledRows)
                    json.key("floor_metric")
                    optional(policy.floor?.metric.rawValue, &json)
                    json.key("floor")
                    json.value(policy.floor?.value)
                    json.key("floor_value")
                    json.value(performance.floorValue)
                    json.key("drop_metric")
                    optional(policy.maximumDrop?.metric.rawValue, &json)
                    json.key("max_drop")
                    json.value(policy.maximumDrop?.value)
                    json.key("drop")
                    json.value(performance.drop)
                    json.key("source")
                    optional(performance.source?.rawValue, &json)
                    json.key("floor_std")
                    json.value(performance.floorStandardError)
                    json.key("drop_std")
                    json.value(performance.dropStandardError)
                }
            } else {
                json.null()
            }
        }
        return json.text
    }

    private static func optional(_ string: String?, _ json: inout JSONWriter) {
        if let string { json.value(string) } else { json.null() }
    }

    /// The event sent on a hook's standard input.
    static func event(
        _ event: HookEvent, decision: StoredDecision, key: String, job: StoredJob?, attempt: Int, sentMs: Int64
    ) -> String {
        var json = JSONWriter()
        json.object { json in
            json.key("schema_version")
            json.value(eventSchemaVersion)
            json.key("event")
            json.value(event.rawValue)
            json.key("idempotency_key")
            json.value(key)
            json.key("attempt")
            json.value(attempt)
            json.key("sent_at")
            json.value(Timestamp.format(milliseconds: sentMs))
            json.key("decision")
            decisionObject(decision, &json)
            json.key("job")
            if let job {
                json.object { json in
                    json.key("job_id")
                    json.value(job.jobId)
                    json.key("status")
                    json.value(job.status)
                    json.key("cost_estimate")
                    json.value(job.estimate)
                }
            } else {
                json.null()
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
            json.key("id")
            json.value(decision.id)
            json.key("mode")
            json.value(decision.mode)
            json.key("model")
            json.value(decision.model)
            json.key("version")
            json.value(decision.version)
            json.key("window_start")
            json.value(Timestamp.format(milliseconds: decision.windowStartMs))
            json.key("window_end")
            json.value(Timestamp.format(milliseconds: decision.windowEndMs))
            json.key("decided_at")
            json.value(Timestamp.format(milliseconds: decision.decidedMs))
            json.key("verdict")
            json.value(decision.verdict)
            json.key("action")
            json.value(decision.action)
            json.key("reasons")
            json.value(raw: decision.reasons)
            json.key("guardrails")
            json.value(raw: decision.guardrails)
            json.key("inputs")
            json.value(raw: decision.inputs)
            json.key("episode_id")
            if let episode = decision.episodeId { json.value(episode) } else { json.null() }
            json.key("approved_at")
            if let approved = decision.approvedMs {
                json.value(Timestamp.format(milliseconds: approved))
            } else {
                json.null()
            }
            json.key("revision")
            json.value(decision.revision)
            json.key("supersedes")
            if let old = decision.supersedes { json.value(old) } else { json.null() }
            json.key("superseded_by")
            if let new = supersededBy { json.value(new) } else { json.null() }
            more(&json)
        }
    }
}
