// The status report on the flagship fixture: the facts of the hand-written
// status report it replaces, and byte-identical output for the same inputs.

#include <catch2/catch.hpp>

#include "tests/cli_runner.h"

namespace migsim::testing {
namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_CASE("report: where dev and prod stand, a fresh database, unused tables") {
  auto r = run_migsim({"report", "--config", "fixtures/pa_dealing/migsim.toml"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out,
            "Current revision: 1e2bea66afb6 (add_legacy_pad_fields_for_migration)\n"
            "Local head:       fc3b6e7695d9 (consolidate_to_dual_schema)\n"
            "Delta:            1 revision behind\n"));
  CHECK(has(r.out, "Current revision: aa0f04f2fdaf (add_last_trade_date)"));
  CHECK(has(r.out, "Delta:            6 revisions behind"));
  CHECK(has(r.out, "| 17 | **1e2bea66afb6** | add_legacy_pad_fields_for_migration | 2026-01-20 |"));
  CHECK(has(r.out,
            "Building a new environment from an empty database **fails** at `4143273be37f` "
            "(initial_schema): would fail: 3F000 schema \"padealing\" does not exist"));
  CHECK(has(r.out, "The whole transaction rolls back"));
  CHECK(has(r.out, "table padealing.active_stocks looks unused and safe to drop"));
  CHECK(has(r.out, "schema padealing exists in dev but no applied revision creates it"));
  CHECK(has(r.out, "| bo_airflow | external (synced from Oracle, read-only) | 245 |"));
  CHECK(has(r.out, "```mermaid\ngraph TD\n"));
  auto again = run_migsim({"report", "--config", "fixtures/pa_dealing/migsim.toml"});
  CHECK(again.out == r.out);
}

}  // namespace
}  // namespace migsim::testing
