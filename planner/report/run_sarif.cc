#include <set>

#include "planner/report/json_out.h"
#include "planner/report/run_writers.h"
#include "planner/rules/rule_table.h"

namespace migsim {

namespace {
std::string_view sarif_level(std::string_view severity) {
  return severity == "error" ? "error" : severity == "warning" ? "warning" : "note";
}

/// A location object: `file` at `line` (1 when unknown) and `column` (when known).
void sarif_location(JsonOut& j, const std::string& file, uint32_t line, uint32_t column) {
  j.key("physicalLocation").begin_object();
  j.key("artifactLocation").begin_object().key("uri").value(file).end_object();
  j.key("region").begin_object().key("startLine").value(static_cast<int64_t>(line ? line : 1));
  if (column) j.key("startColumn").value(static_cast<int64_t>(column));
  j.end_object();  // region
  j.end_object();  // physicalLocation
}

/// One result; a silenced finding (`silenced` not null) carries an in-source
/// suppression, so code scanning shows it as suppressed rather than as an alert.
/// SARIF wants `suppressions` on every result or on none: with `suppressions`
/// set, a finding that is not silenced gets an empty array ("not suppressed").
void sarif_result(JsonOut& j, const ModelRun& run, const Finding& f,
                  const SilencedFinding* silenced, bool suppressions) {
  j.begin_object();
  j.key("ruleId").value(f.rule);
  j.key("level").value(sarif_level(f.severity));
  j.key("message").begin_object().key("text").value("[" + run.name + "] " + f.message).end_object();
  if (!f.file.empty()) {
    j.key("locations").begin_array().begin_object();
    sarif_location(j, f.file, f.line, f.column);
    j.end_object().end_array();
  }
  if (silenced) {
    j.key("suppressions").begin_array().begin_object();
    j.key("kind").value("inSource");
    j.key("justification").value(silenced->comment);
    if (silenced->comment_line) {
      j.key("location").begin_object();
      sarif_location(j, f.file, silenced->comment_line, 0);
      j.end_object();
    }
    j.end_object().end_array();
  } else if (suppressions) {
    j.key("suppressions").begin_array().end_array();
  }
  j.key("properties").begin_object();
  j.key("environment").value(run.name);
  if (!f.revision.empty()) j.key("revision").value(f.revision);
  if (!f.object.empty()) j.key("object").value(f.object);
  j.end_object();
  j.end_object();
}
}  // namespace

std::string runs_sarif(const ReportModel& model) {
  std::string out;
  JsonOut j(out, true);
  j.begin_object();
  j.key("$schema").value("https://json.schemastore.org/sarif-2.1.0.json");
  j.key("version").value("2.1.0");
  j.key("runs").begin_array().begin_object();
  j.key("tool").begin_object().key("driver").begin_object();
  j.key("name").value("migsim");
  j.key("version").value(model.migsim_version);
  j.key("rules").begin_array();
  const auto& docs = rule_docs();
  for (const auto& r : rule_table()) {
    j.begin_object();
    j.key("id").value(r.id);
    j.key("shortDescription").begin_object().key("text").value(r.summary).end_object();
    auto d = docs.find(std::string(r.id));
    std::string help = d == docs.end() ? std::string(r.summary) : std::string(d->second);
    j.key("help").begin_object().key("text").value(help).key("markdown").value(help).end_object();
    j.key("defaultConfiguration")
        .begin_object()
        .key("level")
        .value(sarif_level(r.severity))
        .end_object();
    j.end_object();
  }
  j.end_array();
  j.end_object().end_object();  // driver, tool
  j.key("results").begin_array();
  bool suppressions = false;
  for (const auto& run : model.runs) suppressions |= !run.silenced_findings.empty();
  for (const auto& run : model.runs) {
    for (const auto& f : run.findings) sarif_result(j, run, f, nullptr, suppressions);
    for (const auto& s : run.silenced_findings) sarif_result(j, run, s.finding, &s, true);
  }
  j.end_array();
  j.end_object().end_array();  // run, runs
  j.end_object();
  out.push_back('\n');
  return out;
}

namespace {
/// Escapes for workflow command data and properties.
std::string escape(std::string_view s, bool property) {
  std::string out;
  for (char c : s) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else if (property && c == ':')
      out += "%3A";
    else if (property && c == ',')
      out += "%2C";
    else
      out.push_back(c);
  }
  return out;
}
}  // namespace

std::string runs_github(const ReportModel& model) {
  std::string out;
  for (const auto& run : model.runs) {
    for (const auto& f : run.findings) {
      std::string_view cmd = f.severity == "error"     ? "error"
                             : f.severity == "warning" ? "warning"
                                                       : "notice";
      out += "::" + std::string(cmd) + " ";
      std::string props;
      if (!f.file.empty()) {
        props += "file=" + escape(f.file, true);
        if (f.line) props += ",line=" + std::to_string(f.line);
        if (f.column) props += ",col=" + std::to_string(f.column);
        props += ",";
      }
      props += "title=" + escape("migsim " + f.rule + " (" + run.name + ")", true);
      out += props + "::" + escape(f.message, false) + "\n";
    }
    if (size_t n = run.silenced)
      out += "::notice title=" + escape("migsim (" + run.name + ")", true) +
             "::" + std::to_string(n) + (n == 1 ? " finding was" : " findings were") +
             " silenced by migsim:ignore comments\n";
  }
  return out;
}

std::string write_report(const ReportModel& model, std::string_view format, bool color) {
  if (format == "json") return runs_json(model);
  if (format == "sarif") return runs_sarif(model);
  if (format == "github") return runs_github(model);
  if (format == "markdown") return model.status ? status_markdown(model) : summary_markdown(model);
  return runs_text(model, color);
}

void write_report(const ReportModel& model, std::string_view format, bool color,
                  const TextSink& emit) {
  if (format == "json") return runs_json(model, emit);
  emit(write_report(model, format, color));
}

}  // namespace migsim
