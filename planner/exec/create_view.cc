// CREATE [OR REPLACE] [TEMP] [RECURSIVE] VIEW name [(columns)] AS SELECT ...

#include "planner/exec/common.h"
#include "planner/exec/query_shape.h"

namespace migsim {
namespace {

StatementResult create_view(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  Node rv = n["view"];
  if (rv.str("relpersistence") == "t")
    return ExecContext::unknown("temporary views are not modelled");
  Target target;
  StatementResult error;
  Node query = n["query"];
  if (query.kind() != "SelectStmt") {
    return ExecContext::unknown("a view over " + std::string(query.kind()) + " is not modelled");
  }
  if (!n.list("options").empty() ||
      (n.str("withCheckOption") != "NO_CHECK_OPTION" && !n.str("withCheckOption").empty())) {
    return ExecContext::unknown("view options and WITH CHECK OPTION are not modelled");
  }
  // The query is analysed before the view's schema is looked up (DefineView).
  QueryShape shape;
  if (!analyze_select(ctx, query.body(), shape, error)) return error;
  NodeList aliases = n.list("aliases");
  if (aliases.size() > shape.columns.size()) {
    return ExecContext::fails("42601", "CREATE VIEW specifies more column names than columns");
  }
  for (size_t i = 0; i < aliases.size(); ++i)
    shape.columns[i].name = std::string(aliases.at(i).sval());
  if (!target_for_create(ctx, rv, target, error)) return error;
  for (size_t i = 0; i < shape.columns.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (shape.columns[i].name == shape.columns[j].name) {
        return ExecContext::fails(
            "42701", "column \"" + shape.columns[i].name + "\" specified more than once");
      }
    }
  }
  const Relation* old = ctx.catalog.relation(target.schema, target.name);
  if (old && !n.flag("replace")) {
    return ExecContext::fails("42P07", "relation \"" + target.name + "\" already exists");
  }
  if (!old && ctx.catalog.type(target.schema, target.name)) {
    return ExecContext::fails("42710", "type \"" + target.name + "\" already exists");
  }
  if (old) {
    if (old->kind != RelKind::kView) {
      return ExecContext::fails("42809", "\"" + target.name + "\" is not a view");
    }
    if (shape.columns.size() < old->columns.size()) {
      return ExecContext::fails("42P16", "cannot drop columns from view");
    }
    for (size_t i = 0; i < old->columns.size(); ++i) {
      const Column& o = old->columns[i];
      const Column& c = shape.columns[i];
      if (o.name != c.name) {
        return ExecContext::fails(
            "42P16", "cannot change name of view column \"" + o.name + "\" to \"" + c.name + "\"");
      }
      if (o.type.empty() || c.type.empty()) {
        return ExecContext::unknown("the type of view column \"" + o.name +
                                    "\" is not known, so replacing the view cannot be checked");
      }
      if (o.type != c.type) {
        return ExecContext::fails("42P16", "cannot change data type of view column \"" + o.name +
                                               "\" from " + o.type + " to " + c.type);
      }
    }
  }
  Relation view;
  view.schema = target.schema;
  view.name = target.name;
  view.kind = RelKind::kView;
  view.owner = old ? old->owner : ctx.catalog.current_user();
  if (old) {
    view.comment = old->comment;
    view.acl = old->acl;
    view.triggers = old->triggers;
    // Columns kept by name keep their comments.
    for (size_t i = 0; i < old->columns.size(); ++i)
      shape.columns[i].extras.set(&ColumnExtras::comment, old->columns[i].extras->comment);
  }
  view.columns = std::move(shape.columns);
  view.depends = std::move(shape.depends);
  // A replaced view reading its old self records no dependency on itself.
  std::erase_if(view.depends, [&](const RelationRef& d) {
    return d.schema == view.schema && d.name == view.name;
  });
  view.definition = query_text(ctx.stmt, query.body());
  StatementResult r;
  r.touched.push_back(touched_name("view", view.schema, view.name));
  ctx.catalog.put_relation(std::move(view));
  return r;
}

HandlerRegistrar reg("ViewStmt", create_view);

}  // namespace
}  // namespace migsim
