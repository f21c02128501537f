import DriftIngest
import DriftStore

extension ReportRenderer {
    /// Writes one `decisions[]` element of docs/REPORT.md: the `driftwatch decisions` object plus
    /// `denied_by` and `jobs`; `supersededBy` is the decision that replaced it after late labels.
    static func writeDecision(_ entry: Report.Decision, supersededBy: Int64? = nil, to json: inout JSONWriter) {
        DecisionJSON.decisionObject(entry.decision, supersededBy: supersededBy, &json) { json in
            json.key("denied_by")
            json.array { json in
                for name in entry.deniedBy { json.value(name) }
            }
            json.key("jobs")
            json.array { json in
                for job in entry.jobs { writeJob(job, to: &json) }
            }
        }
    }

    private static func writeJob(_ job: StoredJob, to json: inout JSONWriter) {
        json.object { json in
            json.key("job_id")
            json.value(job.jobId)
            json.key("status")
            json.value(job.status)
            json.key("estimate")
            json.value(job.estimate)
            json.key("cost")
            json.value(job.cost)
            json.key("started_at")
            json.value(Timestamp.format(milliseconds: job.startedMs))
            json.key("finished_at")
            if let finished = job.finishedMs {
                json.value(Timestamp.format(milliseconds: finished))
            } else {
                json.null()
            }
            json.key("model_version")
            if let version = job.modelVersion { json.value(version) } else { json.null() }
        }
    }

    /// Writes a model's `budget` object of docs/REPORT.md.
    static func writeBudget(_ budget: Report.Budget, to json: inout JSONWriter) {
        json.object { json in
            json.key("cost_estimate")
            json.value(budget.costEstimate)
            json.key("daily_budget")
            json.value(budget.dailyBudget)
            json.key("monthly_budget")
            json.value(budget.monthlyBudget)
            json.key("periods")
            json.array { json in
                for period in budget.periods {
                    json.object { json in
                        json.key("mode")
                        json.value(period.mode)
                        json.key("period")
                        json.value(period.period)
                        json.key("start")
                        json.value(Timestamp.format(milliseconds: period.startMs))
                        json.key("end")
                        json.value(Timestamp.format(milliseconds: period.endMs))
                        json.key("budget")
                        json.value(period.budget)
                        json.key("spent")
                        json.value(period.spent)
                        json.key("reserved")
                        json.value(period.reserved)
                        json.key("jobs")
                        json.value(period.jobs)
                    }
                }
            }
            json.key("denials")
            json.object { json in
                for denial in budget.denials {
                    json.key(denial.reason)
                    json.value(denial.count)
                }
            }
        }
    }
}
