#pragma once
// The JSON document `migsim snapshot sql` returns, read into a catalog.

#include <string>

#include "planner/snapshot/snapshot.h"

namespace migsim {

/// Parses the JSON snapshot document in `text` (from file `path`, for messages).
/// Missing keys, wrong types and unknown format versions are InputErrors.
bool import_snapshot_json(const std::string& path, const std::string& text, Catalog& catalog,
                          Snapshot& snapshot, InputError& error);

}  // namespace migsim
