#pragma once
// `migsim replay`: statements of SQL files replayed in order on one catalog.

#include <memory>
#include <string>
#include <vector>

#include "parser/statement.h"
#include "planner/catalog/catalog.h"
#include "planner/engine/outcome.h"
#include "planner/engine/statement_record.h"

namespace migsim {

struct ReplayRun {
  std::vector<std::shared_ptr<SourceFile>> files;  ///< keeps locations' file names alive
  std::vector<StatementRecord> statements;
};

/// Parses every file first (a syntax error anywhere is bad input: nothing is
/// replayed), then replays `base` files (when given) and `files` in order on `catalog`.
bool replay_files(const std::vector<std::string>& base, const std::vector<std::string>& files,
                  Catalog& catalog, ReplayRun& run, InputError& error);

std::string replay_text(const ReplayRun& run, bool color);
std::string replay_json(const ReplayRun& run);

}  // namespace migsim
