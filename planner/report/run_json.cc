#include "planner/report/json_out.h"
#include "planner/report/run_writers.h"

namespace migsim {

namespace {

void strings(JsonOut& j, const std::vector<std::string>& v) {
  j.begin_array();
  for (const auto& s : v) j.value(s);
  j.end_array();
}

void statement(JsonOut& j, const ModelStatement& s) {
  j.begin_object();
  j.key("file").value(s.file);
  j.key("line").value(int64_t{s.line});
  j.key("column").value(int64_t{s.column});
  j.key("sql").value(s.sql);
  j.key("outcome").value(outcome_name(s.outcome));
  j.key("sqlstate").string_or_null(s.sqlstate);
  j.key("message").string_or_null(s.message);
  if (s.bookkeeping) j.key("bookkeeping").value(true);
  j.end_object();
}

/// A finding's members, inside an object the caller opens and closes.
void finding_members(JsonOut& j, const Finding& f) {
  j.key("rule").value(f.rule);
  j.key("severity").value(f.severity);
  j.key("revision").string_or_null(f.revision);
  j.key("object").string_or_null(f.object);
  j.key("message").value(f.message);
  j.key("file").string_or_null(f.file);
  if (f.line)
    j.key("line").value(int64_t{f.line});
  else
    j.key("line").null();
  if (f.line && f.column)
    j.key("column").value(int64_t{f.column});
  else
    j.key("column").null();
  if (!f.elsewhere.empty()) {
    j.key("elsewhere").begin_array();
    for (const auto& e : f.elsewhere) {
      j.begin_object();
      j.key("environment").value(e.environment);
      j.key("verdict").value(e.verdict);
      j.end_object();
    }
    j.end_array();
  }
}

void finding(JsonOut& j, const Finding& f) {
  j.begin_object();
  finding_members(j, f);
  j.end_object();
}

/// About what runs_json writes: each statement's texts and the keys around
/// them. Reserved up front, the text is not copied over as it grows.
size_t json_size_estimate(const ReportModel& model) {
  size_t size = 4096;
  for (const auto& run : model.runs)
    for (const auto& rev : run.revisions) {
      size += 256 + rev.file.size();
      for (const auto& s : rev.statements)
        size +=
            160 + s.file.size() + s.sql.size() + s.message.size() + s.detail.size() + s.hint.size();
    }
  return size;
}

}  // namespace

std::string runs_json(const ReportModel& model) {
  std::string out;
  out.reserve(json_size_estimate(model));
  JsonOut j(out);
  j.begin_object().key("format").value(int64_t{1}).key("environments").begin_array();
  for (const auto& run : model.runs) {
    j.begin_object();
    j.key("name").value(run.name);
    j.key("snapshot").string_or_null(run.snapshot);
    j.key("mode").value(run_mode_name(run.mode));
    j.key("current");
    strings(j, run.current);
    j.key("heads");
    strings(j, run.heads);
    j.key("pending").value(static_cast<int64_t>(run.pending()));
    j.key("revisions").begin_array();
    for (const auto& rev : run.revisions) {
      j.begin_object();
      j.key("id").value(rev.id);
      j.key("name").value(rev.name);
      j.key("status").value(rev.applied ? "applied" : "pending");
      j.key("verdict").value(verdict_name(rev.verdict));
      j.key("reason").string_or_null(rev.reason);
      j.key("rolled_back").value(rev.rolled_back);
      j.key("file").value(rev.file);
      j.key("statements").begin_array();
      for (const auto& s : rev.statements) statement(j, s);
      j.end_array();
      j.end_object();
    }
    j.end_array();
    j.key("findings").begin_array();
    for (const auto& f : run.findings) finding(j, f);
    j.end_array();
    j.key("silenced").value(static_cast<int64_t>(run.silenced));
    if (!run.silenced_findings.empty()) {
      j.key("silenced_findings").begin_array();
      for (const auto& sf : run.silenced_findings) {
        j.begin_object();
        finding_members(j, sf.finding);
        j.key("comment").value(sf.comment);
        j.key("comment_line").value(int64_t{sf.comment_line});
        j.end_object();
      }
      j.end_array();
    }
    j.end_object();
  }
  j.end_array().end_object();
  out.push_back('\n');
  return out;
}

}  // namespace migsim
