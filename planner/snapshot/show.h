#pragma once
// `snapshot show`: a per-schema summary of a snapshot.

#include <string>

#include "planner/snapshot/snapshot.h"

namespace migsim {

std::string snapshot_summary(const std::string& path, const Catalog& catalog,
                             const Snapshot& snapshot);

/// Bytes as pg_size_pretty prints them ("8192 bytes", "64 kB", "3 MB").
std::string size_pretty(int64_t bytes);

}  // namespace migsim
