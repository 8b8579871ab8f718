#pragma once
// `snapshot pull`: the snapshot query run through libpq in a READ ONLY transaction.

#include <string>

#include "planner/snapshot/snapshot.h"

namespace migsim {

/// The DSN with any password removed, fit for messages.
std::string redact_dsn(const std::string& dsn);

/// Connects (libpq: PG* variables and .pgpass apply), runs the query read-only
/// with `timeout_ms` as statement_timeout, and loads the result.
bool pull_snapshot(const std::string& dsn, int timeout_ms, Catalog& catalog, Snapshot& snapshot,
                   InputError& error);

}  // namespace migsim
