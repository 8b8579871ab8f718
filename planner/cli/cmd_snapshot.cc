// migsim snapshot sql | import FILE -o OUT | pull --dsn DSN -o OUT | show FILE | diff A B

#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>

#include "planner/cli/commands.h"
#include "planner/cli/output.h"
#include "planner/snapshot/diff.h"
#include "planner/snapshot/dump_import.h"
#include "planner/snapshot/json_import.h"
#include "planner/snapshot/pull.h"
#include "planner/snapshot/query.h"
#include "planner/snapshot/show.h"
#include "planner/util/keep_until_exit.h"

namespace migsim {
namespace {

struct SnapshotOptions {
  std::string input;
  std::string output;
  std::string dsn;
  int timeout_s = 300;
  std::string a, b;
  std::string format = "text";
  bool statistics = false;
};

int run_sql() {
  InputError error;
  if (!write_output("", snapshot_query(), error)) return report_input_error(error);
  return 0;
}

int run_import(const SnapshotOptions& o) {
  InputError error;
  auto source = read_source_file(o.input, error);
  if (!source) return report_input_error(error);
  const std::string& text = source->text();
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    // Even a schema-only pg_dump of an empty database has its SET lines.
    error = {o.input, 0, 0,
             "empty file: expected the JSON of `migsim snapshot sql` or pg_dump --schema-only SQL"};
    return report_input_error(error);
  }
  Catalog catalog;
  Snapshot snap;
  if (text[first] == '{') {
    if (!import_snapshot_json(o.input, text, catalog, snap, error))
      return report_input_error(error);
    snap.info.source = "json";
  } else {
    // Anything else is taken as pg_dump --schema-only SQL, replayed on the model.
    std::vector<DumpWarning> warnings;
    if (!import_pg_dump(o.input, text, catalog, snap, warnings, error))
      return report_input_error(error);
    for (const auto& w : warnings)
      std::fprintf(stderr, "migsim: %s:%u: warning: %s\n", o.input.c_str(), w.line,
                   w.message.c_str());
    if (!warnings.empty())
      std::fprintf(stderr,
                   "migsim: %s: %zu statement(s) left out of the snapshot; it is incomplete\n",
                   o.input.c_str(), warnings.size());
  }
  if (!save_snapshot(o.output, catalog, snap, error)) return report_input_error(error);
  return 0;
}

int run_pull(const SnapshotOptions& o) {
  Catalog catalog;
  Snapshot snap;
  InputError error;
  if (!pull_snapshot(o.dsn, o.timeout_s * 1000, catalog, snap, error))
    return report_input_error(error);
  if (!save_snapshot(o.output, catalog, snap, error)) return report_input_error(error);
  return 0;
}

int run_show(const SnapshotOptions& o) {
  auto owned = std::make_unique<Catalog>();
  Catalog& catalog = *owned;
  Snapshot snap;
  InputError error;
  if (!load_snapshot(o.input, catalog, snap, error)) return report_input_error(error);
  if (!write_output(o.output, snapshot_summary(o.input, catalog, snap), error))
    return report_input_error(error);
  keep_until_exit(std::move(owned));
  return 0;
}

int run_diff(const SnapshotOptions& o) {
  auto owned_a = std::make_unique<Catalog>(), owned_b = std::make_unique<Catalog>();
  Catalog &ca = *owned_a, &cb = *owned_b;
  Snapshot sa, sb;
  InputError error;
  if (!load_snapshot(o.a, ca, sa, error)) return report_input_error(error);
  if (!load_snapshot(o.b, cb, sb, error)) return report_input_error(error);
  DiffOptions d;
  d.statistics = o.statistics;
  auto changes = diff_snapshots(ca, sa, cb, sb, d);
  if (!rows_compared(sa, sb))
    std::fprintf(stderr,
                 "migsim: note: %s holds no rows (made from %s): the version tables' "
                 "rows are not compared\n",
                 (sa.info.source != "pg_dump" ? o.b : o.a).c_str(), "pg_dump --schema-only");
  std::string text = o.format == "json" ? diff_json(changes) : diff_text(changes);
  if (!write_output(o.output, text, error)) return report_input_error(error);
  keep_until_exit(std::move(owned_a), std::move(owned_b));
  return changes.empty() ? 0 : 1;
}

void setup(CLI::App* cmd, std::function<int()>& action) {
  static SnapshotOptions o;
  cmd->require_subcommand(1);

  auto* sql = cmd->add_subcommand(
      "sql", "Print the read-only catalog query that returns a snapshot as one JSON document");
  sql->callback([&action] { action = [] { return run_sql(); }; });

  auto* imp = cmd->add_subcommand(
      "import",
      "Build a snapshot file from the query's JSON output or a pg_dump --schema-only script");
  add_limit_options(*imp);
  imp->add_option("file", o.input, "the query's JSON output, or pg_dump --schema-only SQL")
      ->required();
  imp->add_option("-o,--output", o.output, "snapshot file to write")->required();
  imp->callback([&action] { action = [] { return run_import(o); }; });

  auto* pull = cmd->add_subcommand(
      "pull", "Take a snapshot of a live database (READ ONLY transaction, nothing written)");
  pull->add_option("--dsn", o.dsn,
                   "libpq connection string or URI; PG* variables and .pgpass apply");
  pull->add_option("--timeout", o.timeout_s, "statement timeout in seconds")
      ->check(CLI::PositiveNumber);
  pull->add_option("-o,--output", o.output, "snapshot file to write")->required();
  pull->callback([&action] { action = [] { return run_pull(o); }; });

  auto* show = cmd->add_subcommand("show", "Summarize a snapshot per schema");
  show->add_option("file", o.input, "snapshot file")->required();
  show->add_option("-o,--output", o.output, "write to this file instead of stdout");
  add_limit_options(*show);
  show->callback([&action] { action = [] { return run_show(o); }; });

  auto* diff = cmd->add_subcommand(
      "diff", "Every object added, removed or changed from A to B (exit 1 when they differ)");
  diff->add_option("a", o.a, "snapshot file A")->required();
  diff->add_option("b", o.b, "snapshot file B")->required();
  diff->add_option("--format", o.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  diff->add_flag("--statistics", o.statistics, "also compare row estimates and sizes");
  diff->add_option("-o,--output", o.output, "write to this file instead of stdout");
  add_limit_options(*diff);
  diff->callback([&action] { action = [] { return run_diff(o); }; });
}

CommandRegistrar reg(25, "snapshot", "Make, read and compare environment snapshots", setup);

}  // namespace
}  // namespace migsim
