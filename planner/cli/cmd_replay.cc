// migsim replay [--schema BASE.sql] [--format text|json] [-o FILE] FILE...

#include <CLI/CLI.hpp>

#include <memory>

#include "planner/cli/commands.h"
#include "planner/cli/output.h"
#include "planner/replay/replay_run.h"
#include "planner/snapshot/snapshot.h"
#include "planner/util/keep_until_exit.h"

namespace migsim {
namespace {

struct ReplayOptions {
  std::vector<std::string> base;
  std::vector<std::string> files;
  std::string format = "text";
  std::string output;
  std::string snapshot;       ///< the starting catalog, from a snapshot file
  std::string save_snapshot;  ///< the catalog after the replay, as a snapshot file
};

int run_replay(const ReplayOptions& o) {
  if (o.files.empty()) return report_usage_error("replay: at least one FILE is required");
  auto owned = std::make_unique<Catalog>();
  Catalog& catalog = *owned;
  ReplayRun run;
  InputError error;
  Snapshot start;  ///< what a saved snapshot keeps of the starting one (server, version rows)
  if (!o.snapshot.empty()) {
    if (!load_snapshot(o.snapshot, catalog, start, error)) return report_input_error(error);
  }
  if (!replay_files(o.base, o.files, catalog, run, error)) return report_input_error(error);
  std::string text = o.format == "json"
                         ? replay_json(run)
                         : replay_text(run, o.output.empty() && stdout_wants_color());
  OutputFiles outputs;  // the report and the snapshot: both or neither
  if (!outputs.add(o.output, text, error)) return report_input_error(error);
  if (!o.save_snapshot.empty()) {
    Snapshot snap = start;
    snap.info.source = "replay";
    snap.info.taken_at = utc_now();
    if (!add_snapshot_output(outputs, o.save_snapshot, catalog, snap, error))
      return report_input_error(error);
  }
  if (!outputs.commit(error)) return report_input_error(error);
  keep_until_exit(std::move(owned));
  return 0;
}

void setup(CLI::App* cmd, std::function<int()>& action) {
  static ReplayOptions o;
  cmd->add_option("--schema", o.base, "SQL applied first, to build the starting catalog")
      ->allow_extra_args(false);
  cmd->add_option("--format", o.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("-o,--output", o.output, "write to this file instead of stdout");
  cmd->add_option("--snapshot", o.snapshot,
                  "start from this snapshot file (before --schema files, when both are given)");
  cmd->add_option("--save-snapshot", o.save_snapshot,
                  "write the catalog as it stands after the replay to this snapshot file");
  cmd->add_option("files", o.files, "SQL files, replayed in order");
  add_limit_options(*cmd);
  cmd->callback([&action] { action = [] { return run_replay(o); }; });
}

CommandRegistrar reg(10, "replay",
                     "Replay SQL files on an empty database and print each statement's outcome",
                     setup);

}  // namespace
}  // namespace migsim
