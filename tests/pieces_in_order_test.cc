// Text made in pieces on two threads (planner/util/pieces_in_order.h): every
// piece is emitted once and in order, no more than kHeld are held at once, a
// piece that throws stops the rest, and a long run's JSON report made that
// way is the same text as made on one thread.

#include <simdjson.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <deque>
#include <mutex>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "planner/report/run_writers.h"
#include "planner/util/pieces_in_order.h"

namespace migsim::testing {
namespace {

/// A short, varying pause, so that either thread may be the slower one.
void pause_for(size_t index, unsigned seed) {
  std::mt19937 random(static_cast<unsigned>(index) * 7919u + seed);
  std::this_thread::sleep_for(std::chrono::microseconds(random() % 300));
}

TEST_CASE("pieces in order: each piece once, in order, a few held at a time") {
  for (size_t count : {0, 1, 2, 3, 5, 17, 200}) {
    for (unsigned seed = 0; seed < 3; ++seed) {
      INFO("count " << count << " seed " << seed);
      std::atomic<size_t> held{0};
      std::atomic<size_t> most_held{0};
      std::set<std::thread::id> makers;
      std::mutex makers_mutex;
      std::string all;
      pieces_in_order(
          count,
          [&](size_t i, std::string& out) {
            CHECK(out.empty());
            size_t now = ++held;
            for (size_t seen = most_held;
                 now > seen && !most_held.compare_exchange_weak(seen, now);) {
            }
            {
              std::lock_guard<std::mutex> lock(makers_mutex);
              makers.insert(std::this_thread::get_id());
            }
            pause_for(i, seed);
            out += std::to_string(i) + ";";
          },
          [&](std::string_view piece) {
            --held;
            all += piece;
          });
      std::string expected;
      for (size_t i = 0; i < count; ++i) expected += std::to_string(i) + ";";
      CHECK(all == expected);
      CHECK(most_held <= kHeld);
      CHECK(makers.size() <= 2);
      if (count < 2) CHECK(makers.size() <= 1);
    }
  }
}

TEST_CASE("pieces in order: a piece that throws stops the rest, on either thread") {
  // The caller's pieces take a while, the helper's none, so that the helper
  // makes pieces too. The first piece from `failing` on that the thread named
  // makes throws; the pieces before it are emitted, none after.
  const size_t count = 12;
  const std::thread::id caller = std::this_thread::get_id();
  size_t threw[2] = {0, 0};  // by the helper, by the caller
  for (bool on_caller : {true, false}) {
    for (size_t failing = 0; failing < count; ++failing) {
      INFO((on_caller ? "caller" : "helper") << " fails from piece " << failing);
      std::string all;
      std::atomic<size_t> threw_at{count};
      auto run = [&] {
        pieces_in_order(
            count,
            [&](size_t i, std::string& out) {
              bool mine = (std::this_thread::get_id() == caller) == on_caller;
              if (std::this_thread::get_id() == caller)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
              size_t none = count;
              if (mine && i >= failing && threw_at.compare_exchange_strong(none, i))
                throw std::runtime_error("piece " + std::to_string(i));
              out += std::to_string(i) + ";";
            },
            [&](std::string_view piece) { all += piece; });
      };
      // The thread named may have made none of the pieces from `failing` on.
      try {
        run();
        CHECK(threw_at == count);
      } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()) == "piece " + std::to_string(threw_at.load()));
        ++threw[on_caller];
      }
      std::string expected;
      for (size_t i = 0; i < std::min(threw_at.load(), count); ++i)
        expected += std::to_string(i) + ";";
      CHECK(all == expected);
    }
  }
  CHECK(threw[0] > 0);
  CHECK(threw[1] > 0);
}

TEST_CASE("pieces in order: an emit that throws stops the helper") {
  size_t made = 0;
  std::mutex mutex;
  auto run = [&] {
    pieces_in_order(
        1000,
        [&](size_t, std::string& out) {
          std::lock_guard<std::mutex> lock(mutex);
          ++made;
          out = "x";
        },
        [&](std::string_view) { throw std::runtime_error("disk full"); });
  };
  CHECK_THROWS_WITH(run(), "disk full");
  CHECK(made <= kHeld + 1);
}

/// Revision `i` of a test report, its statements kept in `records`.
ModelRevisionRun revision(size_t i, std::deque<std::vector<StatementRecord>>& records) {
  ModelRevisionRun rev;
  rev.id = "r" + std::to_string(i);
  rev.name = "revision \"" + std::to_string(i) + "\"\n";
  rev.file = "versions/" + std::to_string(i) + ".sql";
  rev.verdict = i % 7 == 3 ? Verdict::kFails : Verdict::kApplies;
  if (rev.verdict == Verdict::kFails) rev.reason = "it fails";
  std::vector<StatementRecord>& kept = records.emplace_back();
  for (size_t k = 0; k < i % 4; ++k) {
    StatementRecord s;
    s.location.file = "versions/x.sql";
    s.location.line = static_cast<uint32_t>(k + 1);
    s.own_sql(k % 2 ? "CREATE TABLE t (a int);" : "SELECT '\\\t';");
    s.result.message = k == 2 ? "a message" : "";
    kept.push_back(s);
  }
  rev.statements = kept;
  return rev;
}

/// The text between `"revisions":[` and its closing `]`.
std::string revisions_array(const std::string& json) {
  size_t begin = json.find("\"revisions\":[");
  size_t end = json.find("],\"findings\"");
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  begin += 13;
  return json.substr(begin, end - begin);
}

TEST_CASE("pieces in order: a long run's JSON report is the one made on one thread") {
  // 700 revisions are made in pieces; 100, 250 and 350 of them (each too few
  // for pieces) on this thread alone. Their arrays joined are the long one's.
  auto model_of = [](size_t from, size_t to) {
    ReportModel model;
    model.runs.emplace_back();
    model.runs.back().name = "dev";
    for (size_t i = from; i < to; ++i)
      model.runs.back().revisions.push_back(revision(i, *model.records));
    return model;
  };
  std::string whole = runs_json(model_of(0, 700));
  std::string joined = revisions_array(runs_json(model_of(0, 100))) + "," +
                       revisions_array(runs_json(model_of(100, 350))) + "," +
                       revisions_array(runs_json(model_of(350, 700)));
  CHECK(revisions_array(whole) == joined);

  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(whole).get(doc) == simdjson::SUCCESS);
  simdjson::dom::array revisions;
  REQUIRE(doc["environments"].at(0)["revisions"].get(revisions) == simdjson::SUCCESS);
  size_t i = 0;
  for (simdjson::dom::element rev : revisions) {
    std::string_view id;
    REQUIRE(rev["id"].get(id) == simdjson::SUCCESS);
    CHECK(id == "r" + std::to_string(i++));
  }
  CHECK(i == 700);
}

}  // namespace
}  // namespace migsim::testing
