import DriftIngest
import DriftStore

extension ReportRenderer {
    /// Writes one `decisions[]` element of docs/REPORT.md: the `driftwatch decisions` object plus
    /// `denied_by` and `jobs`; `supersededBy` is the decision that replaced it after late labels.
    static func writeDecision(_ entry: Report.Decision, supersededBy: Int64? = nil, to json: inout JSONWriter) {
        DecisionJSON.decisionObject(entry.decision, supersededBy: supersededBy, &json) { json in
            json.member("denied_by", entry.deniedBy)
            json.array("jobs") { json in
                for job in entry.jobs { writeJob(job, to: &json) }
            }
        }
    }

    private static func writeJob(_ job: StoredJob, to json: inout JSONWriter) {
        json.object { json in
            json.member("job_id", job.jobId)
            json.member("status", job.status)
            json.member("estimate", job.estimate)
            json.member("cost", job.cost)
            json.member("started_at", timestamp: job.startedMs)
            json.member("finished_at", timestamp: job.finishedMs)
            json.member("model_version", job.modelVersion)
        }
    }

    /// Writes a model's `budget` object of docs/REPORT.md.
    static func writeBudget(_ budget: Report.Budget, to json: inout JSONWriter) {
        json.object { json in
            json.member("cost_estimate", budget.costEstimate)
            json.member("daily_budget", budget.dailyBudget)
            json.member("monthly_budget", budget.monthlyBudget)
            json.array("periods") { json in
                for period in budget.periods {
                    json.object { json in
                        json.member("mode", period.mode)
                        json.member("period", period.period)
                        json.member("start", timestamp: period.startMs)
                        json.member("end", timestamp: period.endMs)
                        json.member("budget", period.budget)
                        json.member("spent", period.spent)
                        json.member("reserved", period.reserved)
                        json.member("jobs", period.jobs)
                    }
                }
            }
            writeCounts("denials", budget.denials, to: &json)
        }
    }
}
