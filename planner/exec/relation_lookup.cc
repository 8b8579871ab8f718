#include "planner/exec/relation_lookup.h"

namespace migsim {

const Relation* find_relation_for_alter(const Catalog& catalog, Node rv, bool missing_ok,
                                        std::string& schema, StatementResult& outcome) {
  std::string schema_in(rv.str("schemaname"));
  std::string name(rv.str("relname"));
  const Relation* rel = catalog.lookup_relation(schema_in, name, &schema);
  if (rel) return rel;
  if (missing_ok) {
    outcome =
        ExecContext::skipped_with_notice("relation \"" + name + "\" does not exist, skipping");
  } else if (!schema_in.empty() && !catalog.schemas.find(schema_in)) {
    outcome = ExecContext::fails("3F000", "schema \"" + schema_in + "\" does not exist");
  } else {
    std::string shown = schema_in.empty() ? name : schema_in + "." + name;
    outcome = ExecContext::fails("42P01", "relation \"" + shown + "\" does not exist");
  }
  return nullptr;
}

}  // namespace migsim
