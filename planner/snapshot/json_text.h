#pragma once
// JSON text for the few list-valued fields a snapshot stores in one SQLite
// column (column lists, ACLs, enum labels): arrays of strings.

#include <string>
#include <string_view>
#include <vector>

namespace migsim {

/// `["a","b"]`.
std::string json_string_array(const std::vector<std::string>& items);

/// Parses an array of strings; false when `text` is not one. Empty text is an empty array.
bool parse_json_string_array(std::string_view text, std::vector<std::string>& out);

}  // namespace migsim
