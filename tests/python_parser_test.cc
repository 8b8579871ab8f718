// The Python reader: the constructs revision scripts use, and syntax errors at
// the line and column CPython 3.11 reports, in its words.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "parser/python/ast.h"

namespace migsim::python {
namespace {

struct Parsed {
  std::shared_ptr<SourceFile> file;
  Module module;
  InputError error;
  bool ok = false;
};

Parsed parse(const std::string& text) {
  Parsed p;
  p.file = std::make_shared<SourceFile>("t.py", text);
  p.ok = parse_module(*p.file, p.module, p.error);
  return p;
}

TEST_CASE("python parser: the statements and expressions of revision scripts") {
  Parsed p = parse(R"PY("""doc"""
from alembic import op
import sqlalchemy as sa, os.path
from sqlalchemy.dialects.postgresql import (JSONB,
    UUID as PgUUID)
revision: str = 'abc'
down_revision = ('a', 'b')
a, (b, *c) = 1, (2, 3, 4)
x = {'k': [1, 2.5, -3], **extra}
s = {n for n in names if n not in ('a',)}
d = {k: v for k, v in pairs}
f = lambda q, r=1: q
g = x if y else z
h = not a and b or c in d and e is not None and 1 < 2 <= 3
t = f'{x!r:>10} {{}}' "tail"
@decorator
def upgrade(a, b=2, *args, c, **kw) -> None:
    with op.batch_alter_table('t') as batch_op, other():
        batch_op.add_column(sa.Column('x', sa.Integer(), nullable=True))
    for i, j in [(1, 2)]:
        if i:
            pass
        elif j:
            continue
        else:
            break
    try:
        raise ValueError('x') from None
    except (KeyError, ValueError) as e:
        return
    finally:
        del x
    while False: pass
    arr[1:2], arr[::2] = m[0], n['k']
    total += 1; print(*args, **kw)
    return [r for r in rows]
class M(Base, metaclass=Meta):
    x = 1
)PY");
  INFO(p.error.to_string());
  REQUIRE(p.ok);
  REQUIRE(p.module.body.size() == 16);
  const Stmt& def = *p.module.body[14];
  CHECK(def.kind == Stmt::Kind::kDef);
  CHECK(def.text == "upgrade");
  REQUIRE(def.params.size() == 5);
  CHECK(def.params[2].star == "*");
  CHECK(def.params[4].star == "**");
  CHECK(def.body[0]->kind == Stmt::Kind::kWith);
  CHECK(def.body[0]->with_items.size() == 2);
  CHECK(def.body[1]->kind == Stmt::Kind::kFor);
  CHECK(def.body[2]->kind == Stmt::Kind::kTry);
  CHECK(def.body[2]->handlers.size() == 1);
  const Stmt& fstr = *p.module.body[13];
  REQUIRE(fstr.value->kind == Expr::Kind::kFString);
  REQUIRE(fstr.value->fstring.size() == 3);
  CHECK(fstr.value->fstring[0].conversion == 'r');
  CHECK(fstr.value->fstring[0].format_spec == ">10");
  CHECK(fstr.value->fstring[1].text == " {}");
  CHECK(fstr.value->fstring[2].text == "tail");
  const Stmt& cmp = *p.module.body[12];
  CHECK(cmp.value->kind == Expr::Kind::kBoolOp);
  const Stmt& imp = *p.module.body[3];
  CHECK(imp.kind == Stmt::Kind::kImportFrom);
  REQUIRE(imp.names.size() == 2);
  CHECK(imp.names[1].second == "PgUUID");
}

TEST_CASE("python parser: syntax errors where CPython 3.11 reports them") {
  struct Case {
    std::string text;
    uint32_t line, column;
    std::string message;
  };
  // Each message and position is what `compile()` of CPython 3.11 says.
  std::vector<Case> cases = {
      {"op.execute(\"SELECT 1\"\nop.drop_table(\"x\")\n", 1, 11, "'(' was never closed"},
      {"def upgrade()\n", 1, 14, "expected ':'"},
      {"if x:\npass\n", 2, 1, "expected an indented block after 'if' statement on line 1"},
      {"f(a=1, 2)\n", 1, 9, "positional argument follows keyword argument"},
      {"f() = 3\n", 1, 1,
       "cannot assign to function call here. Maybe you meant '==' instead of '='?"},
      {"x = 1 +\n", 1, 8, "invalid syntax"},
  };
  for (const Case& c : cases) {
    Parsed p = parse(c.text);
    INFO(c.text);
    REQUIRE_FALSE(p.ok);
    CHECK(p.error.message == c.message);
    CHECK(p.error.line == c.line);
    CHECK(p.error.column == c.column);
  }
}

TEST_CASE("python parser: every script of the corpus and the flagship fixture reads") {
  for (const char* dir : {"fixtures/alembic_scripts", "fixtures/pa_dealing/alembic/versions",
                          "fixtures/alembic_offline/project/versions"}) {
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(MIGSIM_SOURCE_DIR) + "/" + dir)) {
      if (entry.path().extension() != ".py") continue;
      std::ifstream in(entry.path());
      std::stringstream ss;
      ss << in.rdbuf();
      Parsed p = parse(ss.str());
      INFO(entry.path().string() << ": " << p.error.to_string());
      CHECK(p.ok);
    }
  }
}

}  // namespace
}  // namespace migsim::python
