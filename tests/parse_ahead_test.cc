// Bodies parsed in the background stay a few revisions ahead of the replay,
// and the last replay of a history frees each body's parse trees once it has
// run it: a long history keeps a few revisions' trees alive, not all of them.

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <memory>
#include <stdexcept>
#include <thread>

#include "parser/revisions/parse_bodies.h"
#include "parser/revisions/readers.h"
#include "planner/run/simulate.h"
#include "tests/cli_runner.h"

namespace migsim {
namespace {

using testing::TempDir;

/// Waits up to ten seconds for `ready()` to hold.
template <class Ready>
void wait_until(Ready ready) {
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!ready() && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

/// Waits up to ten seconds for `parse` to have taken `count` bodies.
void wait_for_taken(const BodyParse& parse, size_t count) {
  wait_until([&] { return parse.taken() >= count; });
}

/// Revisions first..last of one CREATE TABLE each, named N_step.sql.
void write_steps(const TempDir& dir, int first, int last) {
  for (int i = first; i <= last; ++i)
    dir.write(std::to_string(i) + "_step.sql",
              "CREATE TABLE t" + std::to_string(i) + " (a int);\n");
}

std::vector<Revision> read_in_background(const TempDir& dir) {
  ReadOptions background;
  background.parse_in_background = true;
  std::vector<Revision> revs;
  InputError error;
  REQUIRE(read_revisions(dir.path(), SourceFormat::kSqlFiles, background, revs, error));
  return revs;
}

TEST_CASE("parse ahead: the workers keep a few bodies past the last one asked for", "[revisions]") {
  TempDir dir;
  write_steps(dir, 1, 400);
  std::vector<Revision> revs = read_in_background(dir);
  REQUIRE(revs.size() == 400);
  REQUIRE(revs[0].background);
  const BodyParse& parse = *revs[0].background;
  constexpr size_t ahead = BodyParse::kParseAhead;
  bool workers = std::thread::hardware_concurrency() > 1;

  // A worker that is that far ahead waits until the caller is halfway there:
  // it rests between half the distance and the whole of it.
  REQUIRE(revs[0].script().statements.size() == 1);
  if (workers) wait_for_taken(parse, 1 + ahead / 2 + 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(parse.taken() <= 1 + ahead);
  if (workers) CHECK(parse.taken() > 1 + ahead / 2);

  // Asked for a later body, the caller parses up to it (with the workers),
  // and the workers go on past it.
  REQUIRE(revs[200].script().statements.size() == 1);
  if (workers) wait_for_taken(parse, 201 + ahead / 2 + 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(parse.taken() >= 201);
  CHECK(parse.taken() <= 201 + ahead);
  if (workers) CHECK(parse.taken() > 201 + ahead / 2);

  // Waiting for all of them parses to the end.
  InputError error;
  CHECK(finish_revision_bodies(revs, error));
  CHECK(parse.taken() == 400);
  CHECK(revs[399].script().statements[0].text == "CREATE TABLE t400 (a int)");
}

TEST_CASE("parse ahead: a worker frees the trees the caller released before it parses again",
          "[revisions]") {
  if (std::thread::hardware_concurrency() < 2) return;  // no worker: freed where released
  TempDir dir;
  write_steps(dir, 1, 400);
  std::vector<Revision> revs = read_in_background(dir);
  REQUIRE(revs[0].background);
  BodyParse& parse = *revs[0].background;
  constexpr size_t ahead = BodyParse::kParseAhead;

  // The worker rests kParseAhead bodies ahead; the trees of bodies it parsed
  // that the caller releases meanwhile wait for it. (The caller, waiting for
  // the first body, may have parsed one or two itself.)
  REQUIRE(revs[0].script().statements.size() == 1);
  wait_until([&] { return parse.workers_resting(); });
  REQUIRE(parse.workers_resting());
  std::vector<size_t> parsed_there;
  for (size_t k = 0; k < ahead && parsed_there.size() < 3; ++k)
    if (parse.parsed_on_worker(k)) parsed_there.push_back(k);
  REQUIRE(parsed_there.size() == 3);
  revs[parsed_there[0]].release_script();
  revs[parsed_there[1]].release_script();
  CHECK(revs[parsed_there[0]].script().trees_released());
  CHECK(revs[parsed_there[1]].script().trees_released());
  CHECK(parse.released_waiting() == 2);
  // Its trees are its own still.
  CHECK(revs[parsed_there[2]].script().statements.size() == 1);

  // Asked for a body far enough on, the worker goes on, and frees them first.
  REQUIRE(revs[ahead].script().statements.size() == 1);
  wait_until([&] { return parse.released_waiting() == 0; });
  CHECK(parse.released_waiting() == 0);

  // Released once every body is taken, trees are freed on the spot.
  InputError error;
  REQUIRE(finish_revision_bodies(revs, error));
  revs[399].release_script();
  CHECK(revs[399].script().trees_released());
  CHECK(parse.released_waiting() == 0);
}

TEST_CASE("parse ahead: the caller frees at once the trees of a body it parsed itself",
          "[revisions]") {
  if (std::thread::hardware_concurrency() < 2) return;  // no worker: freed where released
  TempDir dir;
  // The worker takes the first body and is busy with it for a while ...
  std::string big;
  for (int i = 0; i < 20000; ++i) big += "CREATE TABLE big" + std::to_string(i) + " (a int);\n";
  dir.write("1_big.sql", big);
  write_steps(dir, 2, 400);
  std::vector<Revision> revs = read_in_background(dir);
  REQUIRE(revs[0].background);
  BodyParse& parse = *revs[0].background;
  wait_for_taken(parse, 1);
  // ... so the caller, asking for the second, parses it itself.
  REQUIRE(revs[1].script().statements.size() == 1);
  REQUIRE_FALSE(parse.parsed_on_worker(1));
  REQUIRE(parse.taken() < revs.size());  // the worker goes on: it would take released trees
  revs[1].release_script();
  CHECK(revs[1].script().trees_released());
  CHECK(parse.released_waiting() == 0);
  // The worker's own body goes back to it.
  REQUIRE(revs[0].script().statements.size() == 20000);
  CHECK(parse.parsed_on_worker(0));
  InputError error;
  REQUIRE(finish_revision_bodies(revs, error));
}

TEST_CASE("parse ahead: several workers waiting for the caller all go on when it wants every body",
          "[revisions]") {
  // Bodies whose parse has not started, as read_revisions leaves them.
  std::string text;
  std::vector<Revision> revs(400);
  for (size_t i = 0; i < revs.size(); ++i) {
    revs[i].body_begin = static_cast<uint32_t>(text.size());
    text += "CREATE TABLE t" + std::to_string(i) + " (a int);\n";
    revs[i].body_end = static_cast<uint32_t>(text.size());
    revs[i].parse_pending = true;
  }
  auto source = std::make_shared<const SourceFile>("history.sql", text);
  for (Revision& r : revs) r.source = source;
  // Every core parses (as when no replay reads the bodies meanwhile): on two
  // cores or more, several workers. Each stops kParseAhead bodies past the
  // last one asked for (none yet) and waits there.
  BodyParse::start(revs, false);
  REQUIRE(revs[0].background);
  const BodyParse& parse = *revs[0].background;
  wait_for_taken(parse, BodyParse::kParseAhead);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(parse.taken() <= BodyParse::kParseAhead + 8);
  // Asking for every body wakes them all: a worker that went back to sleep
  // would never be joined. Ten seconds is a hang, not a slow machine.
  auto finished = std::async(std::launch::async, [&] {
    InputError error;
    return finish_revision_bodies(revs, error);
  });
  if (finished.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
    std::fprintf(stderr, "finish_revision_bodies did not return: a worker was never woken\n");
    std::_Exit(1);
  }
  CHECK(finished.get());
  CHECK(parse.taken() == revs.size());
  CHECK(revs[399].script().statements[0].text == "CREATE TABLE t399 (a int)");
}

TEST_CASE("parse ahead: a short history is parsed as its bodies are asked for", "[revisions]") {
  TempDir dir;
  dir.write("1_a.sql", "CREATE TABLE a (x int);\n");
  dir.write("2_b.sql", "SELEC oops;\n");
  std::vector<Revision> revs = read_in_background(dir);
  REQUIRE(revs.size() == 2);
  REQUIRE(revs[0].background);
  CHECK(revs[0].background->taken() == 0);
  CHECK(revs[0].script().statements.size() == 1);
  CHECK(revs[0].background->taken() == 1);
  // The bad body is still reported, when every body is waited for.
  InputError error;
  CHECK_FALSE(finish_revision_bodies(revs, error));
  CHECK(error.file == dir.file("2_b.sql"));
  CHECK(error.line == 1);
}

TEST_CASE("parse ahead: the last replay frees each body's parse trees as it runs it",
          "[revisions]") {
  TempDir dir;
  for (int i = 1; i <= 100; ++i)
    dir.write(std::to_string(i) + "_step.sql", "-- step\nCREATE TABLE t" + std::to_string(i) +
                                                   " (a int);\nCOMMENT ON TABLE t" +
                                                   std::to_string(i) + " IS 'x';\n");
  // Revision 60 fails: the ones after it are not run, and freed all the same.
  dir.write("60_step.sql", "CREATE TABLE t1 (a int);\n");
  ToolBehaviour tool;  // a directory of SQL files, as psql runs them
  InputError error;
  // Read again for each section.
  std::vector<Revision> revs = read_in_background(dir);
  std::vector<const Revision*> all;
  for (const Revision& r : revs) all.push_back(&r);
  Catalog catalog;
  std::vector<RevisionRun> runs;

  SECTION("a replay that is not the last keeps them, and can run again") {
    REQUIRE(simulate(all, tool, {}, false, false, catalog, runs, error));
    for (const Revision& r : revs) CHECK_FALSE(r.script().trees_released());
    Catalog again;
    std::vector<RevisionRun> second;
    REQUIRE(simulate(all, tool, {}, false, true, again, second, error));
    REQUIRE(second.size() == 100);
    CHECK(second[58].statements[1].result.outcome == Outcome::kApplies);
    CHECK(second[59].statements[0].result.outcome == Outcome::kFails);
    CHECK(second[60].statements[0].result.outcome == Outcome::kSkipped);
  }

  SECTION("the last replay frees them; the statements keep their text and place") {
    REQUIRE(simulate(all, tool, {}, false, true, catalog, runs, error));
    REQUIRE(runs.size() == 100);
    CHECK(runs[0].statements[0].result.outcome == Outcome::kApplies);
    CHECK(runs[0].statements[0].sql == "CREATE TABLE t1 (a int)");
    CHECK(runs[59].statements[0].result.outcome == Outcome::kFails);
    CHECK(runs[99].statements[1].result.outcome == Outcome::kSkipped);
    CHECK(catalog.relation("public", "t59"));
    CHECK_FALSE(catalog.relation("public", "t61"));
    for (const Revision& r : revs) {
      const ParsedScript& script = r.script();
      CHECK(script.trees_released());
      for (const Statement& s : script.statements) {
        CHECK_FALSE(s.node.valid());
        CHECK(s.kind.empty());
      }
    }
    const Statement& first = revs[99].script().statements[0];
    CHECK(first.text == "CREATE TABLE t100 (a int)");
    CHECK(first.location.line == 2);
    CHECK(first.location.file == dir.file("100_step.sql"));
    // Replaying them again is a mistake in the caller, never a silent empty run.
    Catalog again;
    std::vector<RevisionRun> second;
    CHECK_THROWS_AS(simulate(all, tool, {}, false, false, again, second, error), std::logic_error);
    CHECK(finish_revision_bodies(revs, error));
  }
}

}  // namespace
}  // namespace migsim
