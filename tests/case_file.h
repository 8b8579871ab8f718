#pragma once
// Replay cases: a SQL file whose statements are each followed by the outcome
// a real PostgreSQL 15 gave, recorded by tests/pg/record_cases.py:
//
//   CREATE TABLE t (a int);
//   -- expect: applies
//   CREATE TABLE t (a int);
//   -- expect: fails 42P07 relation "t" already exists
//   CREATE TABLE IF NOT EXISTS t (a int);
//   -- expect: no-op relation "t" already exists, skipping

#include <string>
#include <vector>

#include "planner/engine/outcome.h"

namespace migsim::testing {

struct Expectation {
  Outcome outcome;
  std::string sqlstate;  ///< fails and skipped
  std::string message;   ///< fails: the error; no-op: the NOTICE, when PostgreSQL gave one
  unsigned line;         ///< line of the expect comment
};

/// The expectations of a case file, in order, one per statement.
std::vector<Expectation> read_expectations(const std::string& text, std::string& error);

/// Case files under fixtures/cases, relative to the source tree.
std::vector<std::string> case_files();

std::string source_path(const std::string& relative);

}  // namespace migsim::testing
