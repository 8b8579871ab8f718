// The facts of the flagship's hand-written status report, read from the JSON
// that tools consume (`plan`, `audit` and `check --format json`): where dev and
// prod stand, what each pending revision would do, what the applied history did
// to the schema another system owns, the unused table, and a fresh database.

#include <simdjson.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "tests/cli_runner.h"

namespace migsim::testing {
namespace {

using simdjson::dom::element;

const char* kConfig = "fixtures/pa_dealing/migsim.toml";
const char* kVersions = "fixtures/pa_dealing/alembic/versions/";

bool has(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

std::string str(element e) {
  if (e.is_null()) return "<null>";
  return std::string(std::string_view(e));
}

std::vector<std::string> strings(element e) {
  std::vector<std::string> out;
  for (element x : simdjson::dom::array(e)) out.push_back(str(x));
  return out;
}

/// The run of `name` in a format-1 document.
element environment(element doc, std::string_view name) {
  for (element env : simdjson::dom::array(doc["environments"]))
    if (std::string_view(env["name"]) == name) return env;
  FAIL("no environment " << name);
  return doc;
}

std::vector<element> findings(element env, std::string_view rule) {
  std::vector<element> out;
  for (element f : simdjson::dom::array(env["findings"]))
    if (std::string_view(f["rule"]) == rule) out.push_back(f);
  return out;
}

element finding(element env, std::string_view rule, std::string_view revision) {
  for (element f : findings(env, rule))
    if (!f["revision"].is_null() && std::string_view(f["revision"]) == revision) return f;
  FAIL("no " << rule << " finding for " << revision);
  return env;
}

struct Json {
  simdjson::dom::parser parser;
  element doc;
  explicit Json(const CliResult& r) {
    INFO(r.err);
    doc = parser.parse(simdjson::padded_string(r.out));
    REQUIRE(int64_t(doc["format"]) == 1);
  }
};

void dev_facts(element dev) {
  CHECK(strings(dev["current"]) == std::vector<std::string>{"1e2bea66afb6"});
  CHECK(strings(dev["heads"]) == std::vector<std::string>{"fc3b6e7695d9"});
  CHECK(int64_t(dev["pending"]) == 1);
  simdjson::dom::array revisions = dev["revisions"];
  REQUIRE(revisions.size() == 1);
  element rev = revisions.at(0);
  CHECK(str(rev["id"]) == "fc3b6e7695d9");
  CHECK(str(rev["status"]) == "pending");
  CHECK(str(rev["verdict"]) == "redundant");
  const std::string reason =
      "every statement is a no-op: schema \"padealing\" already exists, skipping; "
      "schema \"bo_airflow\" already exists, skipping";
  CHECK(str(rev["reason"]) == reason);
  element redundant = finding(dev, "redundant-revision", "fc3b6e7695d9");
  CHECK(str(redundant["severity"]) == "warning");
  CHECK(has(str(redundant["message"]), "is redundant in dev: " + reason));
  CHECK(str(redundant["file"]) ==
        std::string(kVersions) + "fc3b6e7695d9_consolidate_to_dual_schema.py");

  auto unused = findings(dev, "unused-table");
  REQUIRE(unused.size() == 1);
  CHECK(str(unused[0]["object"]) == "table padealing.active_stocks");
  std::string evidence = str(unused[0]["message"]);
  CHECK(has(evidence, "it is empty (0 rows in dev)"));
  CHECK(has(evidence, "no foreign key references it or leaves it"));
  CHECK(has(evidence, "no view reads it"));
  CHECK(has(evidence, "no code under src, tests mentions it"));
  CHECK(
      has(evidence, "only revision 4143273be37f (initial_schema), which created it, mentions it"));
  CHECK(findings(dev, "would-fail").empty());
}

void prod_facts(element prod) {
  CHECK(strings(prod["current"]) == std::vector<std::string>{"aa0f04f2fdaf"});
  CHECK(int64_t(prod["pending"]) == 6);
  std::vector<std::string> ids, verdicts;
  for (element rev : simdjson::dom::array(prod["revisions"])) {
    ids.push_back(str(rev["id"]));
    verdicts.push_back(str(rev["verdict"]));
  }
  CHECK(ids == std::vector<std::string>{"a50909b3c7db", "39539b3613cd", "98b90c8f1ba4",
                                        "06750fdfd3a9", "1e2bea66afb6", "fc3b6e7695d9"});
  CHECK(verdicts ==
        std::vector<std::string>{"fails", "skipped", "skipped", "skipped", "skipped", "skipped"});
  element failing = simdjson::dom::array(prod["revisions"]).at(0);
  CHECK(bool(failing["rolled_back"]));
  bool found = false;
  for (element s : simdjson::dom::array(failing["statements"])) {
    if (str(s["outcome"]) != "fails") continue;
    found = true;
    CHECK(str(s["sqlstate"]) == "42701");
    CHECK(str(s["message"]) ==
          "column \"reuters\" of relation \"oracle_bloomberg\" already exists");
    CHECK(int64_t(s["line"]) == 36);
    CHECK(str(s["sql"]) ==
          "ALTER TABLE bo_airflow.oracle_bloomberg ADD COLUMN reuters VARCHAR(20)");
  }
  CHECK(found);
  element fail = finding(prod, "would-fail", "a50909b3c7db");
  CHECK(str(fail["severity"]) == "error");
  CHECK(str(fail["file"]) == std::string(kVersions) + "a50909b3c7db_add_tiered_lookup_tables.py");
  CHECK(int64_t(fail["line"]) == 36);
  // Pending, the same revision's write to bo_airflow is an error: it is not done yet.
  element write = finding(prod, "protected-schema-write", "a50909b3c7db");
  CHECK(str(write["severity"]) == "error");
  CHECK(has(str(write["message"]),
            "oracle_bloomberg (2 columns), oracle_position (2 columns). Impact HIGH"));
}

void fresh_facts(element fresh) {
  CHECK(str(fresh["mode"]) == "fresh");
  CHECK(strings(fresh["current"]).empty());
  CHECK(int64_t(fresh["pending"]) == 18);
  simdjson::dom::array revisions = fresh["revisions"];
  REQUIRE(revisions.size() == 18);
  element first = revisions.at(0);
  CHECK(str(first["id"]) == "4143273be37f");
  CHECK(str(first["verdict"]) == "fails");
  CHECK(bool(first["rolled_back"]));
  CHECK(has(str(first["reason"]), "3F000 schema \"padealing\" does not exist"));
  size_t skipped = 0;
  for (element rev : revisions) skipped += str(rev["verdict"]) == "skipped";
  CHECK(skipped == 17);
  auto fails = findings(fresh, "would-fail");
  REQUIRE(fails.size() == 1);
  CHECK(str(fails[0]["revision"]) == "4143273be37f");
  CHECK(str(fails[0]["file"]) == std::string(kVersions) + "4143273be37f_initial_schema.py");
  CHECK(int64_t(fails[0]["line"]) == 14);
}

TEST_CASE("flagship JSON: dev is one behind and its pending revision is redundant") {
  Json j(run_migsim({"plan", "--config", kConfig, "--env", "dev", "--format", "json"}));
  dev_facts(environment(j.doc, "dev"));
}

TEST_CASE("flagship JSON: prod is six behind and fails at a50909b3c7db with 42701") {
  Json j(run_migsim({"plan", "--config", kConfig, "--env", "prod", "--format", "json"}));
  prod_facts(environment(j.doc, "prod"));
}

TEST_CASE("flagship JSON: a fresh database fails at 4143273be37f with 3F000 and rolls back") {
  Json j(run_migsim({"plan", "--config", kConfig, "--env", "fresh", "--format", "json"}));
  fresh_facts(environment(j.doc, "fresh"));
}

TEST_CASE("flagship JSON: check holds the same facts for dev, prod and a fresh database") {
  CliResult r = run_migsim({"check", "--config", kConfig, "--format", "json"});
  CHECK(r.exit_code == 1);
  Json j(r);
  std::vector<std::string> names;
  for (element env : simdjson::dom::array(j.doc["environments"])) names.push_back(str(env["name"]));
  CHECK(names == std::vector<std::string>{"dev", "prod", "fresh"});
  dev_facts(environment(j.doc, "dev"));
  prod_facts(environment(j.doc, "prod"));
  fresh_facts(environment(j.doc, "fresh"));
}

TEST_CASE(
    "flagship JSON: the applied history's writes to bo_airflow, and the schemas made by hand") {
  Json dev(run_migsim({"audit", "--config", kConfig, "--env", "dev", "--format", "json"}));
  element run = environment(dev.doc, "dev");
  CHECK(findings(run, "protected-schema-write").size() == 3);
  element fda = finding(run, "protected-schema-write", "fda9d658ebc6");
  CHECK(str(fda["severity"]) == "warning");
  CHECK(str(fda["object"]) == "schema bo_airflow");
  std::string message = str(fda["message"]);
  CHECK(
      has(message,
          "oracle_bloomberg (9 columns), oracle_employee (2 columns), oracle_position (1 column)"));
  CHECK(has(message, "Impact LOW"));
  element aa0 = finding(run, "protected-schema-write", "aa0f04f2fdaf");
  CHECK(has(str(aa0["message"]), "oracle_position (1 column). Impact LOW"));
  element a50 = finding(run, "protected-schema-write", "a50909b3c7db");
  CHECK(has(str(a50["message"]), "Impact MEDIUM"));
  std::vector<std::string> out_of_band;
  for (element f : findings(run, "out-of-band-object")) out_of_band.push_back(str(f["object"]));
  // By name: the order of the snapshot's schemas in memory does not reach the report.
  CHECK(out_of_band == std::vector<std::string>{"schema bo_airflow", "schema padealing"});

  // prod has not applied a50909b3c7db: two of the three writes are in its history.
  Json prod(run_migsim({"audit", "--config", kConfig, "--env", "prod", "--format", "json"}));
  element prod_run = environment(prod.doc, "prod");
  CHECK(findings(prod_run, "protected-schema-write").size() == 2);
  CHECK(has(str(finding(prod_run, "protected-schema-write", "fda9d658ebc6")["message"]),
            "Impact LOW"));
  CHECK(has(str(finding(prod_run, "protected-schema-write", "aa0f04f2fdaf")["message"]),
            "Impact LOW"));
}

}  // namespace
}  // namespace migsim::testing
