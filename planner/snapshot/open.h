#pragma once

#include <string>

#include "planner/snapshot/snapshot.h"

namespace migsim {

/// Loads a snapshot from either of its forms: the SQLite file, or the JSON
/// document that `migsim snapshot sql` returns (the reviewable text form a
/// repository keeps). The form is told by the file's first bytes.
bool open_snapshot(const std::string& path, Catalog& catalog, Snapshot& snapshot,
                   InputError& error);

}  // namespace migsim
