// The revision graph drawn: Mermaid and DOT on hand-made histories (merges,
// several heads, awkward messages), and `migsim history --format mermaid`
// drawing the same picture as the status report.

#include <catch2/catch.hpp>

#include "planner/report/graph_diagram.h"
#include "tests/cli_runner.h"

namespace migsim {
namespace {

using V = std::vector<std::string>;

Revision rev(std::string id, V down, std::string message = {}) {
  Revision r;
  r.id = std::move(id);
  r.down_revisions = std::move(down);
  r.message = std::move(message);
  r.path = r.id + ".py";
  return r;
}

/// Revisions are move-only: a graph from a list of them.
template <typename... R>
RevisionGraph graph(R... revs) {
  std::vector<Revision> v;
  (v.push_back(std::move(revs)), ...);
  return RevisionGraph(std::move(v));
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_CASE("graph diagram: a merge, a second head, environments and pending marks") {
  RevisionGraph g = graph(rev("a", {}, "base"), rev("b", {"a"}), rev("c", {"a"}),
                          rev("m", {"b", "c"}, "merge it"), rev("x", {}));
  std::vector<DiagramEnvironment> envs{{"dev", {"b"}, {"c", "m", "x"}},
                                       {"prod", {"a"}, {"b", "c", "m", "x"}}};
  std::string mmd = graph_mermaid(g, envs);
  CHECK(mmd.rfind("graph TD\n", 0) == 0);
  CHECK(has(mmd, "  r_a[\"a<br/>base\"]\n"));
  CHECK(has(mmd, "  r_b[\"b\"]\n"));
  CHECK(has(mmd, "  r_b --> r_m\n  r_c --> r_m\n"));
  CHECK(has(mmd, "  env_r_dev([dev]) -.-> r_b\n  class r_c pending\n"));
  CHECK(has(mmd, "  env_r_prod([prod]) -.-> r_a\n"));
  CHECK(has(mmd, "classDef pending stroke-dasharray: 5 5\n"));

  std::string dot = graph_dot(g, envs);
  CHECK(dot.rfind("digraph revisions {\n", 0) == 0);
  CHECK(has(dot, "  \"a\" [label=\"a\\nbase\"];\n"));
  CHECK(has(dot, "  \"m\" [label=\"m\\nmerge it\", style=dashed];\n"));
  CHECK(has(dot, "  \"x\" [label=\"x\", style=dashed];\n"));
  CHECK(has(dot, "  \"b\" [label=\"b\", style=dashed];\n"));  // applied in dev, pending in prod
  CHECK(has(dot, "  \"b\" -> \"m\";\n  \"c\" -> \"m\";\n"));
  CHECK(has(
      dot,
      "  \"env dev\" [label=\"dev\", shape=ellipse];\n  \"env dev\" -> \"b\" [style=dotted];\n"));
  CHECK(dot.substr(dot.size() - 2) == "}\n");
}

TEST_CASE("graph diagram: depends_on, by id or branch label, is a dotted edge") {
  Revision lib = rev("lib", {}, "library");
  lib.branch_labels = {"core"};
  Revision app = rev("app", {}, "application");
  app.depends_on = {"core"};
  Revision more = rev("more", {"app"});
  more.depends_on = {"lib", "nowhere"};
  RevisionGraph g = graph(std::move(lib), std::move(app), std::move(more));
  std::string mmd = graph_mermaid(g, {});
  CHECK(has(mmd, "  r_lib -. depends on .-> r_app\n"));
  CHECK(has(mmd, "  r_lib -. depends on .-> r_more\n"));
  CHECK_FALSE(has(mmd, "nowhere"));
  std::string dot = graph_dot(g, {});
  CHECK(has(dot, "  \"lib\" -> \"app\" [style=dashed, label=\"depends on\"];\n"));
}

TEST_CASE("graph diagram: a missing down revision is drawn, dotted and named missing") {
  RevisionGraph g = graph(rev("a", {}), rev("b", {"gone"}, "orphan"));
  std::string mmd = graph_mermaid(g, {});
  CHECK(has(mmd, "  r_gone[\"gone<br/>(missing)\"]\n"));
  CHECK(has(mmd, "  r_gone --> r_b\n"));
  CHECK(has(mmd, "  class r_gone outside\n"));
  CHECK(has(mmd, "  classDef outside stroke-dasharray: 2 2\n"));
  std::string dot = graph_dot(g, {});
  CHECK(has(dot, "  \"gone\" [label=\"gone\\n(missing)\", style=dotted, color=red];\n"));
  CHECK(has(dot, "  \"gone\" -> \"b\";\n"));
  // A whole history has no such node, and no class for it.
  CHECK_FALSE(has(graph_mermaid(graph(rev("a", {})), {}), "outside"));
}

TEST_CASE("graph diagram: quotes, backslashes and new lines in messages") {
  RevisionGraph g = graph(rev("r1", {}, "say \"hi\" \\ bye\nnext"));
  std::string mmd = graph_mermaid(g, {});
  CHECK(has(mmd, "  r_r1[\"r1<br/>say #quot;hi#quot; \\ bye next\"]\n"));
  std::string dot = graph_dot(g, {});
  CHECK(has(dot, "  \"r1\" [label=\"r1\\nsay \\\"hi\\\" \\\\ bye\\nnext\"];\n"));
}

TEST_CASE("history --format mermaid draws the status report's picture") {
  auto report = testing::run_migsim({"report", "--config", "fixtures/pa_dealing/migsim.toml"});
  auto history = testing::run_migsim(
      {"history", "--config", "fixtures/pa_dealing/migsim.toml", "--format", "mermaid"});
  INFO(history.err);
  REQUIRE(history.exit_code == 0);
  size_t start = report.out.find("```mermaid\n");
  REQUIRE(start != std::string::npos);
  start += 11;
  size_t end = report.out.find("```\n", start);
  CHECK(report.out.substr(start, end - start) == history.out);
  // dev stands at 1e2bea66afb6, prod at aa0f04f2fdaf; prod's six pending revisions are dashed.
  CHECK(has(history.out, "env_r_dev([dev]) -.-> r_1e2bea66afb6\n"));
  CHECK(
      has(history.out, "env_r_prod([prod]) -.-> r_aa0f04f2fdaf\n  class r_a50909b3c7db pending\n"));
}

TEST_CASE("history --format rejects an unknown drawing") {
  auto r = testing::run_migsim(
      {"history", "--migrations", "fixtures/sources/flyway", "--format", "svg"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
}

}  // namespace
}  // namespace migsim
