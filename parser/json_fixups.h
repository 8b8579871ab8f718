#pragma once
// Repairs libpg_query's JSON output before it is read.
//
// The JSON writer of libpg_query 15-4.0.0 (Debian 12) prints a negative
// integer value as an empty object: `SELECT -5` gives {"A_Const":{"ival":{},
// "location":7}} and `INCREMENT BY -1` gives {"DefElem":{..."arg":{"Integer":{}}
// ...}}, exactly as it prints zero. The protobuf output is right but several
// times slower to produce and read, so migsim reads the JSON and restores
// these values from the SQL text at the node's location.

#include <string>
#include <string_view>

namespace migsim {

/// Rewrites `json` (the parse tree of `sql`) in place where an integer was lost.
void restore_negative_integers(std::string& json, std::string_view sql);

}  // namespace migsim
