#include "planner/replay/replay_run.h"

#include "parser/sql_parser.h"
#include "planner/engine/engine.h"
#include "planner/report/json_out.h"
#include "planner/report/text_util.h"

namespace migsim {

bool replay_files(const std::vector<std::string>& base, const std::vector<std::string>& files,
                  Catalog& catalog, ReplayRun& run, InputError& error) {
  std::vector<ParsedScript> base_scripts, scripts;
  auto load = [&](const std::vector<std::string>& paths, std::vector<ParsedScript>& into) {
    for (const auto& path : paths) {
      auto source = read_source_file(path, error);
      if (!source) return false;
      run.files.push_back(source);
      ParsedScript script;
      if (!SqlParser::parse_file(source, script, error)) return false;
      into.push_back(std::move(script));
    }
    return true;
  };
  if (!load(base, base_scripts) || !load(files, scripts)) return false;

  Engine engine(catalog);
  for (const auto& script : base_scripts)
    for (const auto& stmt : script.statements) engine.execute(stmt);
  if (engine.in_block()) engine.end_block();
  for (const auto& script : scripts) {
    for (const auto& stmt : script.statements) {
      StatementRecord r;
      r.location = stmt.location;
      r.view_sql(stmt.text, script.source);
      r.result = engine.execute(stmt);
      run.statements.push_back(std::move(r));
    }
  }
  return true;
}

namespace {

std::string_view outcome_color(Outcome o) {
  switch (o) {
    case Outcome::kApplies:
      return "\x1b[32m";
    case Outcome::kNoOp:
      return "\x1b[36m";
    case Outcome::kFails:
      return "\x1b[31m";
    case Outcome::kSkipped:
      return "\x1b[90m";
    case Outcome::kData:
      return "\x1b[34m";
    case Outcome::kUnknown:
      return "\x1b[33m";
  }
  return "";
}

}  // namespace

std::string replay_text(const ReplayRun& run, bool color) {
  std::string out;
  for (const auto& s : run.statements) {
    std::string where = std::string(s.location.file) + ":" + std::to_string(s.location.line) + ":" +
                        std::to_string(s.location.column);
    std::string name(outcome_name(s.result.outcome));
    out += where;
    out += "  ";
    if (color) out += outcome_color(s.result.outcome);
    out += name;
    if (color) out += "\x1b[0m";
    out.append(name.size() < 8 ? 8 - name.size() : 1, ' ');
    out += one_line(s.sql, 72);
    out += '\n';
    if (!s.result.message.empty() || !s.result.sqlstate.empty()) {
      out += "    ";
      if (!s.result.sqlstate.empty()) out += s.result.sqlstate + " ";
      out += s.result.message;
      out += '\n';
    }
  }
  return out;
}

std::string replay_json(const ReplayRun& run) {
  std::string out;
  JsonOut j(out);
  j.begin_object().key("format").value(int64_t{1}).key("statements").begin_array();
  for (const auto& s : run.statements) {
    j.begin_object();
    j.key("file").value(s.location.file);
    j.key("line").value(int64_t{s.location.line});
    j.key("column").value(int64_t{s.location.column});
    j.key("sql").value(s.sql);
    j.key("outcome").value(outcome_name(s.result.outcome));
    j.key("sqlstate").string_or_null(s.result.sqlstate);
    j.key("message").string_or_null(s.result.message);
    j.end_object();
  }
  j.end_array().end_object();
  out.push_back('\n');
  return out;
}

}  // namespace migsim
