// [thresholds] large_table_rows and large_table_bytes: a table the snapshot
// counts just below either is not large, one at or above it is. The snapshots
// of fixtures/rules/thresholds differ only in their statistics.

#include <catch2/catch.hpp>

#include "tests/case_file.h"
#include "tests/cli_runner.h"

namespace migsim {
namespace {

struct SizeCase {
  const char* config;
  const char* env;
  const char* size;  ///< as the findings print it
  bool large;
};

bool has(const std::string& out, const std::string& text) {
  return out.find(text) != std::string::npos;
}

TEST_CASE(
    "blocking-lock and index-not-concurrent start at the configured size, by rows or by bytes") {
  const SizeCase cases[] = {
      {"migsim.toml", "rows_below", "999 rows, 0 MB", false},
      {"migsim.toml", "rows_at", "1,000 rows, 0 MB", true},
      {"migsim.toml", "rows_above", "1,001 rows, 0 MB", true},
      {"migsim.toml", "bytes_below", "10 rows, 0 MB", false},  // 1,048,575 bytes
      {"migsim.toml", "bytes_at", "10 rows, 1 MB", true},      // 1,048,576 bytes
      {"migsim.toml", "bytes_above", "10 rows, 1 MB", true},   // 1,048,577 bytes
      // Without [thresholds]: 100,000 rows or 100 MiB.
      {"default.toml", "rows_below", "99,999 rows, 0 MB", false},
      {"default.toml", "rows_at", "100,000 rows, 0 MB", true},
      {"default.toml", "bytes_below", "10 rows, 99 MB", false},  // 104,857,599 bytes
      {"default.toml", "bytes_at", "10 rows, 100 MB", true},     // 104,857,600 bytes
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.config << " " << c.env) {
      auto r =
          testing::run_migsim({"plan", "--config", c.config, "--env", c.env, "--fail-on", "never"},
                              testing::source_path("fixtures/rules/thresholds"));
      INFO(r.out << r.err);
      REQUIRE(r.exit_code == 0);
      std::string table = "public.t (" + std::string(c.size) + ")";
      CHECK(has(r.out,
                "versions/002_change.sql:1: warning [blocking-lock] takes an ACCESS EXCLUSIVE "
                "lock on " +
                    table) == c.large);
      CHECK(
          has(r.out, "versions/002_change.sql:2: warning [index-not-concurrent] CREATE INDEX on " +
                         table + " without CONCURRENTLY") == c.large);
      // Not sized by the thresholds: a table with any rows is rewritten.
      CHECK(has(r.out,
                "versions/002_change.sql:3: warning [table-rewrite] changing id from integer "
                "to bigint rewrites " +
                    table));
    }
  }
}

TEST_CASE("table-rewrite needs rows, not a large table: an empty table is rewritten in no time") {
  auto r = testing::run_migsim({"plan", "--env", "empty", "--fail-on", "never"},
                               testing::source_path("fixtures/rules/thresholds"));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_FALSE(has(r.out, "[table-rewrite]"));
  CHECK_FALSE(has(r.out, "[blocking-lock]"));
  CHECK_FALSE(has(r.out, "[index-not-concurrent]"));
}

}  // namespace
}  // namespace migsim
