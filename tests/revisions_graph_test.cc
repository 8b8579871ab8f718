// The revision graph on small hand-made histories: order, heads, merges,
// labels, dependencies, problems and the pending revisions between two points.

#include <catch2/catch.hpp>

#include "parser/revisions/revision_graph.h"

namespace migsim {
namespace {

using V = std::vector<std::string>;

Revision rev(std::string id, V down, V labels = {}, V depends = {}) {
  Revision r;
  r.id = std::move(id);
  r.down_revisions = std::move(down);
  r.branch_labels = std::move(labels);
  r.depends_on = std::move(depends);
  r.path = r.id + ".py";
  r.location.line = 7;
  return r;
}

RevisionGraph graph(std::vector<Revision> revs) {
  return RevisionGraph(std::move(revs));
}

V ids(const std::vector<const Revision*>& revs) {
  V out;
  for (const Revision* r : revs) out.push_back(r->id);
  return out;
}

V ids(const RevisionGraph& g) {
  V out;
  for (const Revision& r : g.revisions()) out.push_back(r.id);
  return out;
}

V pending(const RevisionGraph& g, V from, V to) {
  std::vector<const Revision*> out;
  std::string error;
  bool ok = g.pending(from, to, out, error);
  INFO(error);
  REQUIRE(ok);
  return ids(out);
}

std::vector<Revision> diamond() {
  std::vector<Revision> revs;
  // Listed children first: the order must come from the graph, not the list.
  revs.push_back(rev("d", {"b", "c"}));
  revs.push_back(rev("c", {"a"}, {"side"}));
  revs.push_back(rev("b", {"a"}));
  revs.push_back(rev("a", {}));
  revs.push_back(rev("e", {"d"}));
  return revs;
}

TEST_CASE("graph: order, heads, bases, merges, branch points", "[revisions]") {
  RevisionGraph g = graph(diamond());
  CHECK(ids(g) == V{"a", "c", "b", "d", "e"});
  CHECK(g.heads() == V{"e"});
  CHECK(g.bases() == V{"a"});
  CHECK(g.merges() == V{"d"});
  CHECK(g.branch_points() == V{"a"});
  CHECK(g.children("a") == V{"c", "b"});
  CHECK(g.branch_labels().at("side") == "c");
  CHECK(g.problems().empty());
  CHECK_FALSE(g.broken());
  REQUIRE(g.find("d"));
  CHECK(g.find("d")->down_revisions == V{"b", "c"});
  CHECK_FALSE(g.find("zz"));
}

TEST_CASE("graph: pending revisions", "[revisions]") {
  RevisionGraph g = graph(diamond());
  CHECK(pending(g, {}, {}) == V{"a", "c", "b", "d", "e"});
  CHECK(pending(g, {"a"}, {}) == V{"c", "b", "d", "e"});
  CHECK(pending(g, {"b"}, {"d"}) == V{"c", "d"});
  CHECK(pending(g, {"b", "c"}, {"heads"}) == V{"d", "e"});
  CHECK(pending(g, {"e"}, {}).empty());
  CHECK(pending(g, {}, {"side"}) == V{"a", "c"});
  CHECK(pending(g, {"base"}, {"b"}) == V{"a", "b"});
  std::vector<const Revision*> out;
  std::string error;
  CHECK_FALSE(g.pending({"nope"}, {}, out, error));
  CHECK(error == "no revision 'nope' in this history");
}

TEST_CASE("graph: depends_on orders without making a parent", "[revisions]") {
  std::vector<Revision> revs;
  revs.push_back(rev("x", {}, {"audit"}, {"b"}));
  revs.push_back(rev("a", {}));
  revs.push_back(rev("b", {"a"}));
  RevisionGraph g = graph(std::move(revs));
  CHECK(ids(g) == V{"a", "b", "x"});
  CHECK(g.heads() == V{"b", "x"});
  CHECK(pending(g, {}, {"x"}) == V{"a", "b", "x"});
  CHECK(g.problems().size() == 1);  // multiple heads
}

TEST_CASE("graph: resolving names", "[revisions]") {
  std::vector<Revision> revs;
  revs.push_back(rev("ae1027a6acf", {}));
  revs.push_back(rev("ae10ffff", {"ae1027a6acf"}));
  revs.push_back(rev("27c6a30d7c24", {"ae1027a6acf"}, {"feature"}));
  RevisionGraph g = graph(std::move(revs));
  V out;
  std::string error;
  CHECK(g.resolve("27c6", out, error));
  CHECK(out == V{"27c6a30d7c24"});
  CHECK_FALSE(g.resolve("ae10", out, error));
  CHECK(error == "'ae10' is ambiguous: ae1027a6acf, ae10ffff");
  CHECK_FALSE(g.resolve("head", out, error));
  CHECK(error == "the history has 2 heads (ae10ffff, 27c6a30d7c24); name one, or use `heads`");
  out.clear();
  CHECK(g.resolve("feature@head", out, error));
  CHECK(out == V{"27c6a30d7c24"});
  out.clear();
  CHECK(g.resolve("base", out, error));
  CHECK(out.empty());
}

TEST_CASE("graph: problems", "[revisions]") {
  SECTION("duplicate ids name both files") {
    std::vector<Revision> revs;
    revs.push_back(rev("a", {}));
    revs.push_back(rev("b", {"a"}));
    Revision again = rev("a", {});
    again.path = "other/a.py";
    revs.push_back(std::move(again));
    RevisionGraph g = graph(std::move(revs));
    CHECK(g.broken());
    REQUIRE(g.problems().size() == 1);
    CHECK(g.problems()[0].rule == "duplicate-revision");
    CHECK(g.problems()[0].files == V{"a.py", "other/a.py"});
    CHECK(g.problems()[0].message == "revision id a is declared twice: in a.py and in other/a.py");
    CHECK(g.find("a")->path == "a.py");
  }
  SECTION("missing down revision and dependency") {
    std::vector<Revision> revs;
    revs.push_back(rev("a", {}));
    revs.push_back(rev("b", {"a", "gone"}, {}, {"nolabel"}));
    RevisionGraph g = graph(std::move(revs));
    CHECK_FALSE(g.broken());
    REQUIRE(g.problems().size() == 2);
    CHECK(g.problems()[0].rule == "missing-down-revision");
    CHECK(g.problems()[0].message ==
          "revision b (b.py) revises gone, which is not in this history");
    CHECK(g.problems()[0].line == 7);
    CHECK(g.problems()[1].rule == "missing-dependency");
    CHECK(ids(g) == V{"a", "b"});
  }
  SECTION("cycles are named; what follows a cycle is not a second cycle") {
    std::vector<Revision> revs;
    revs.push_back(rev("a", {"b"}));
    revs.push_back(rev("b", {"a"}));
    revs.push_back(rev("c", {"b"}));
    revs.push_back(rev("s", {"s"}));
    revs.push_back(rev("root", {}));
    RevisionGraph g = graph(std::move(revs));
    CHECK(g.broken());
    REQUIRE(g.problems().size() == 3);
    CHECK(g.problems()[2].rule == "multiple-heads");  // c and root
    CHECK(g.problems()[0].rule == "revision-cycle");
    CHECK(g.problems()[0].revisions == V{"a", "b"});
    CHECK(g.problems()[0].message ==
          "revisions form a cycle through their down revisions: a (a.py) -> b (b.py) -> a");
    CHECK(g.problems()[1].revisions == V{"s"});
    CHECK(ids(g) == V{"root", "a", "b", "c", "s"});
  }
  SECTION("a branch label declared twice") {
    std::vector<Revision> revs;
    revs.push_back(rev("a", {}, {"x"}));
    revs.push_back(rev("b", {"a"}, {"x"}));
    RevisionGraph g = graph(std::move(revs));
    REQUIRE(g.problems().size() == 1);
    CHECK(g.problems()[0].rule == "duplicate-branch-label");
  }
}

}  // namespace
}  // namespace migsim
