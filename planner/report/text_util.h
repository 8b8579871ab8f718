#pragma once
// Small helpers of the text writers.

#include <string>
#include <string_view>

namespace migsim {

/// SQL on one line: runs of white space become one space; cut to `max` with "...".
std::string one_line(std::string_view sql, size_t max);

}  // namespace migsim
