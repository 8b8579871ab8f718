#pragma once
// The writers of the report model: text (for people), Markdown (the status
// report, or a summary of the runs), JSON (format 1, the contract for tools),
// SARIF and GitHub workflow commands. Each reads only the model.

#include <functional>
#include <string>
#include <string_view>

#include "planner/report/report_model.h"

namespace migsim {

/// Where a writer hands its text, piece by piece, in order.
using TextSink = std::function<void(std::string_view)>;

std::string runs_json(const ReportModel& model);
/// The same JSON handed to `emit` about a megabyte at a time.
void runs_json(const ReportModel& model, const TextSink& emit);
std::string runs_text(const ReportModel& model, bool color);
/// SARIF 2.1.0: one run of the tool; rules with their documentation as help.
std::string runs_sarif(const ReportModel& model);
/// GitHub Actions workflow commands: ::error file=...,line=...::message
std::string runs_github(const ReportModel& model);
/// The status report: each environment, its pending and applied revisions,
/// schemas, findings, a fresh database and recommendations.
std::string status_markdown(const ReportModel& model);
/// A table of the runs and their errors (check's GitHub step summary).
std::string summary_markdown(const ReportModel& model);
/// Writes `model` in `format` (text, markdown, json, sarif, github); markdown
/// is the status report when the model is one, else the summary.
std::string write_report(const ReportModel& model, std::string_view format, bool color);
/// The same report handed to `emit` in pieces (JSON, the longest, as it is
/// made; the others whole).
void write_report(const ReportModel& model, std::string_view format, bool color,
                  const TextSink& emit);

}  // namespace migsim
