#include <algorithm>

#include "planner/report/json_out.h"
#include "planner/report/run_writers.h"
#include "planner/util/pieces_in_order.h"

namespace migsim {

namespace {

void strings(JsonOut& j, const std::vector<std::string>& v) {
  j.begin_array();
  for (const auto& s : v) j.value(s);
  j.end_array();
}

void statement(JsonOut& j, const StatementRecord& s) {
  j.begin_object();
  j.key("file").value(s.location.file);
  j.key("line").value(int64_t{s.location.line});
  j.key("column").value(int64_t{s.location.column});
  j.key("sql").value(s.sql);
  j.key("outcome").value(outcome_name(s.result.outcome));
  j.key("sqlstate").string_or_null(s.result.sqlstate);
  j.key("message").string_or_null(s.result.message);
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

void revision(JsonOut& j, const ModelRevisionRun& rev) {
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

void finding(JsonOut& j, const Finding& f) {
  j.begin_object();
  finding_members(j, f);
  j.end_object();
}

/// A piece of JSON is handed on once it is this large: a long history's
/// report is never all in memory at once.
constexpr size_t kPiece = 1 << 20;

/// A long run's revisions are written in pieces of this many, two at a time
/// (pieces_in_order); a shorter run's on this thread alone.
constexpr size_t kRevisionsPerPiece = 128;

}  // namespace

std::string runs_json(const ReportModel& model) {
  std::string whole;
  runs_json(model, [&](std::string_view piece) { whole += piece; });
  return whole;
}

void runs_json(const ReportModel& model, const TextSink& emit) {
  std::string out;
  out.reserve(kPiece + (kPiece >> 2));
  auto flush_if_full = [&] {
    if (out.size() < kPiece) return;
    emit(out);
    out.clear();
  };
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
    if (run.revisions.size() < 2 * kRevisionsPerPiece) {
      for (const auto& rev : run.revisions) {
        revision(j, rev);
        flush_if_full();
      }
    } else {
      // What is written so far goes first; then the revisions, made in pieces
      // on two threads.
      emit(out);
      out.clear();
      size_t count = run.revisions.size();
      size_t pieces = (count + kRevisionsPerPiece - 1) / kRevisionsPerPiece;
      pieces_in_order(
          pieces,
          [&](size_t piece, std::string& text) {
            JsonOut pj(text);
            pj.continue_array(piece == 0);
            size_t end = std::min(count, (piece + 1) * kRevisionsPerPiece);
            for (size_t i = piece * kRevisionsPerPiece; i < end; ++i)
              revision(pj, run.revisions[i]);
          },
          emit);
      j.elements_written_elsewhere();
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
  emit(out);
}

}  // namespace migsim
