#include "planner/exec/roles.h"

namespace migsim {

namespace {
/// A role that owns something in the catalog exists (it cannot be dropped while it does).
bool owns_objects(const Catalog& catalog, const std::string& role) {
  for (const auto& [k, s] : catalog.schemas.all())
    if (s.owner == role) return true;
  for (const auto& [k, r] : catalog.relations.all())
    if (r.owner == role) return true;
  for (const auto& [k, t] : catalog.types.all())
    if (t.owner == role) return true;
  for (const auto& [k, f] : catalog.functions.all())
    if (f.owner == role) return true;
  return false;
}
}  // namespace

bool resolve_role(const Catalog& catalog, Node spec, std::string& out, StatementResult& error) {
  std::string_view type = spec.str("roletype");
  if (type == "ROLESPEC_CURRENT_USER" || type == "ROLESPEC_SESSION_USER" ||
      type == "ROLESPEC_CURRENT_ROLE") {
    out = catalog.current_user();
    return true;
  }
  if (type == "ROLESPEC_CSTRING") {
    std::string name(spec.str("rolename"));
    if (name == catalog.current_user() || catalog.role_exists(name) ||
        owns_objects(catalog, name)) {
      out = name;
      return true;
    }
    error = ExecContext::unknown("roles are not modelled: whether role \"" + name +
                                 "\" exists is not known");
    return false;
  }
  error = ExecContext::unknown("role specification " + std::string(type) + " is not modelled");
  return false;
}

}  // namespace migsim
