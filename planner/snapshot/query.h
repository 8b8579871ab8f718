#pragma once

#include <string>

namespace migsim {

/// One SQL statement that returns the whole snapshot as one JSON document
/// (catalog views and built-in functions only; nothing is written).
std::string snapshot_query();

}  // namespace migsim
