#include "parser/limits.h"

#include <cstdio>

namespace migsim {

InputLimits& input_limits() {
  static InputLimits limits;
  return limits;
}

size_t max_statement_operators(const InputLimits& limits) {
  return 10 * limits.max_sql_nesting;
}

namespace {
// The stack a level takes, measured on the release build by lowering the stack
// until a run failed, with two to three times that to spare: libpg_query's
// parse and JSON writer, about 250 bytes per operator of `SELECT 1+1+...`;
// the whole replay of such a chain, about 1.1 KiB per operator, two or more
// parse-tree levels each; the Python parser and interpreter, up to 1.4 KiB
// per level (`1 + 1 + ...`; `not not ...` 0.8 KiB).
constexpr size_t kBaseStack = size_t{16} << 20;
constexpr size_t kPerSqlOperator = 512;
constexpr size_t kPerSqlLevel = 2048;
constexpr size_t kPerPythonLevel = 4096;
#if defined(__SANITIZE_ADDRESS__)
constexpr size_t kSanitizerFactor = 4;  // instrumented frames are larger
#else
constexpr size_t kSanitizerFactor = 1;
#endif
}  // namespace

size_t stack_size_for(const InputLimits& limits) {
  return kSanitizerFactor *
         (kBaseStack + max_statement_operators(limits) * kPerSqlOperator +
          limits.max_sql_nesting * kPerSqlLevel + limits.max_nesting * kPerPythonLevel);
}

std::string format_size(uint64_t bytes) {
  static const char* const kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  if (bytes < 1024) return std::to_string(bytes) + " bytes";
  double value = static_cast<double>(bytes);
  int unit = -1;
  while (value >= 1024 && unit < 3) {
    value /= 1024;
    ++unit;
  }
  char buf[32];
  if (value == static_cast<double>(static_cast<uint64_t>(value)))
    std::snprintf(buf, sizeof buf, "%llu %s", static_cast<unsigned long long>(value), kUnits[unit]);
  else
    std::snprintf(buf, sizeof buf, "%.1f %s", value, kUnits[unit]);
  return buf;
}

}  // namespace migsim
