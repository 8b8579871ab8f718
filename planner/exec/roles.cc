#include "planner/exec/roles.h"

namespace migsim {

bool resolve_role(const Catalog& catalog, Node spec, std::string& out, StatementResult& error) {
  std::string_view type = spec.str("roletype");
  if (type == "ROLESPEC_CURRENT_USER" || type == "ROLESPEC_SESSION_USER" ||
      type == "ROLESPEC_CURRENT_ROLE") {
    out = catalog.current_user();
    return true;
  }
  if (type == "ROLESPEC_CSTRING") {
    std::string name(spec.str("rolename"));
    if (name == catalog.current_user() || name == "pg_database_owner") {
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
