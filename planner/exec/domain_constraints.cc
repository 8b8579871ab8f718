#include "planner/exec/domain_constraints.h"

#include "planner/exec/name_chooser.h"
#include "planner/expr/deparse.h"

namespace migsim {

bool domain_rejects_kind(std::string_view contype, StatementResult& error) {
  const char* what = nullptr;
  if (contype == "CONSTR_UNIQUE") what = "unique";
  if (contype == "CONSTR_PRIMARY") what = "primary key";
  if (contype == "CONSTR_EXCLUSION") what = "exclusion";
  if (contype == "CONSTR_FOREIGN") what = "foreign key";
  if (!what) return false;
  error = ExecContext::fails("42601", std::string(what) + " constraints not possible for domains");
  return true;
}

bool add_domain_check(const Catalog& catalog, TypeDef& t, Node con, StatementResult& error) {
  std::string name(con.str("conname"));
  if (!name.empty()) {
    for (const auto& c : t.constraints) {
      if (c.name == name) {
        error = ExecContext::fails(
            "42710", "constraint \"" + name + "\" for domain \"" + t.name + "\" already exists");
        return false;
      }
    }
  } else {
    std::vector<std::string> taken;
    for (const auto& c : t.constraints) taken.push_back(c.name);
    name = choose_constraint_name(catalog, t.schema, t.name, "", "check", taken);
  }
  Constraint c;
  c.name = name;
  c.kind = Constraint::Kind::kCheck;
  c.expression = deparse_expr(con["raw_expr"]);
  c.validated = !con.flag("skip_validation");
  c.no_inherit = con.flag("is_no_inherit");
  t.constraints.push_back(std::move(c));
  return true;
}

}  // namespace migsim
