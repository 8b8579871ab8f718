#pragma once
// Where a command's output goes: stdout, or a file written atomically.

#include <string>

#include "parser/source.h"

namespace migsim {

/// Writes `content` to `path` through a temporary file and a rename, so a
/// failed run never leaves half a file. "-" or "" means stdout.
bool write_output(const std::string& path, const std::string& content, InputError& error);

/// True when stdout is a terminal and NO_COLOR is not set.
bool stdout_wants_color();

}  // namespace migsim
