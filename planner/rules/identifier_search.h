#pragma once
// Finds where an identifier is used in source files, as a whole word and
// outside comments (# in Python and shell, -- in SQL, // and /* */ elsewhere).

#include <string>
#include <string_view>
#include <vector>

namespace migsim {

/// True when `name` appears as a whole word in `text` outside comments of the
/// language that `path`'s extension names.
bool mentions_identifier_in_code(std::string_view path, std::string_view text,
                                 std::string_view name);

/// Files under `roots` (recursively; hidden directories skipped) whose text
/// mentions `name`; at most `limit` of them.
std::vector<std::string> files_mentioning(const std::vector<std::string>& roots,
                                          std::string_view name, size_t limit = 5);

}  // namespace migsim
