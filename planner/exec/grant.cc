// GRANT / REVOKE privileges ON [TABLE | SEQUENCE | SCHEMA | FUNCTION | PROCEDURE | ROUTINE] ...
//   [ALL TABLES | SEQUENCES | FUNCTIONS IN SCHEMA s] TO | FROM roles [WITH GRANT OPTION]
// GRANT / REVOKE role TO | FROM role
//
// ACLs are kept in aclitem text form. As a superuser, the grantor is the
// object's owner. Roles are known only from the snapshot (postgres otherwise).

#include "planner/exec/acl.h"
#include "planner/exec/common.h"
#include "planner/exec/routine_lookup.h"

namespace migsim {
namespace {

/// One object whose ACL the statement changes.
struct AclTarget {
  std::vector<std::string>* acl;
  std::string owner;
  uint32_t all;  ///< every privilege the object kind has
  bool public_execute = false;
  std::string word;  ///< "table", "sequence", ... for messages
  std::string name;
  std::string touched;
};

std::string role_name(const Catalog& catalog, Node spec) {
  std::string_view type = spec.str("roletype");
  if (type == "ROLESPEC_PUBLIC") return "";
  if (type == "ROLESPEC_CSTRING") return std::string(spec.str("rolename"));
  return catalog.current_user();  // CURRENT_USER, CURRENT_ROLE, SESSION_USER
}

bool add_relation(ExecContext& ctx, Relation* rel, const std::string& schema,
                  const std::string& objtype, std::vector<AclTarget>& out, StatementResult& error) {
  bool seq = rel->kind == RelKind::kSequence;
  if (objtype == "OBJECT_SEQUENCE" && !seq) {
    error = ExecContext::fails("42809", "\"" + rel->name + "\" is not a sequence");
    return false;
  }
  if (rel->kind == RelKind::kIndex || rel->kind == RelKind::kPartitionedIndex ||
      rel->kind == RelKind::kCompositeType) {
    error = ExecContext::fails(
        "42809", "\"" + rel->name + "\" is " +
                     (rel->kind == RelKind::kCompositeType ? "a composite type" : "an index"));
    return false;
  }
  std::string owner = rel->owner.empty() ? ctx.catalog.current_user() : rel->owner;
  out.push_back({&rel->acl, owner, seq ? kAclAllSequence : kAclAllRelation, false,
                 seq ? "sequence" : "table", rel->name,
                 touched_name(relkind_word(rel->kind), schema, rel->name)});
  return true;
}

StatementResult grant(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  std::string objtype(n.str("objtype"));
  std::string targtype(n.str("targtype"));
  bool is_grant = n.flag("is_grant");
  StatementResult error;
  std::vector<AclTarget> targets;
  bool on_relations = objtype == "OBJECT_TABLE" || objtype == "OBJECT_SEQUENCE";
  bool on_routines =
      objtype == "OBJECT_FUNCTION" || objtype == "OBJECT_PROCEDURE" || objtype == "OBJECT_ROUTINE";
  if (!on_relations && !on_routines && objtype != "OBJECT_SCHEMA") {
    return ExecContext::unknown("privileges on " + objtype.substr(7) + " are not modelled");
  }
  for (Node p : n.list("privileges"))
    if (!p.body().list("cols").empty())
      return ExecContext::unknown("column privileges are not modelled");
  if (targtype == "ACL_TARGET_OBJECT") {
    for (Node o : n.list("objects")) {
      if (on_relations) {
        Node rv = o.body();
        std::string rs(rv.str("schemaname")), rn(rv.str("relname")), schema;
        if (!rs.empty() && !ctx.catalog.schemas.find(rs))
          return ExecContext::fails("3F000", "schema \"" + rs + "\" does not exist");
        if (!ctx.catalog.lookup_relation(rs, rn, &schema)) {
          return ExecContext::fails(
              "42P01", "relation \"" + (rs.empty() ? rn : rs + "." + rn) + "\" does not exist");
        }
        Relation* rel = ctx.catalog.relation_mut(schema, rn);
        if (!add_relation(ctx, rel, schema, objtype, targets, error)) return error;
      } else if (on_routines) {
        std::string_view word = objtype == "OBJECT_PROCEDURE" ? "procedure"
                                : objtype == "OBJECT_ROUTINE" ? "routine"
                                                              : "function";
        const Function* f = find_routine(ctx.catalog, o.body(), word, error);
        if (!f) return error;
        Function* m = ctx.catalog.functions.find_mut(Catalog::function_key(*f));
        std::string owner = m->owner.empty() ? ctx.catalog.current_user() : m->owner;
        targets.push_back({&m->acl, owner, kAclAllFunction, true, "function", m->name,
                           touched_name("function", m->schema, m->signature())});
      } else {
        std::string name(o.sval());
        Schema* s = ctx.catalog.schemas.find_mut(name);
        if (!s) return ExecContext::fails("3F000", "schema \"" + name + "\" does not exist");
        std::string owner = s->owner.empty() ? ctx.catalog.current_user() : s->owner;
        targets.push_back({&s->acl, owner, kAclAllSchema, false, "schema", name, "schema " + name});
      }
    }
  } else if (targtype == "ACL_TARGET_ALL_IN_SCHEMA" && on_relations) {
    for (Node o : n.list("objects")) {
      std::string name(o.sval());
      if (!ctx.catalog.schemas.find(name))
        return ExecContext::fails("3F000", "schema \"" + name + "\" does not exist");
      for (const Relation* r : ctx.catalog.relations_in(name)) {
        bool seq = r->kind == RelKind::kSequence;
        bool table_like = r->is_table() || r->kind == RelKind::kView ||
                          r->kind == RelKind::kMaterializedView ||
                          r->kind == RelKind::kForeignTable;
        if (objtype == "OBJECT_SEQUENCE" ? !seq : !table_like) continue;
        Relation* rel = ctx.catalog.relation_mut(name, r->name);
        if (!add_relation(ctx, rel, name, objtype, targets, error)) return error;
      }
    }
  } else {
    return ExecContext::unknown("GRANT ON ALL " + objtype.substr(7) + " IN SCHEMA is not modelled");
  }
  // Grantees, then privilege names, as ExecuteGrantStmt checks them.
  std::vector<std::string> grantees;
  for (Node g : n.list("grantees")) {
    std::string role = role_name(ctx.catalog, g.body());
    if (!role.empty() && !ctx.catalog.role_exists(role))
      return ExecContext::fails("42704", "role \"" + role + "\" does not exist");
    grantees.push_back(role);
  }
  bool grant_option = n.flag("grant_option");
  if (is_grant && grant_option) {
    for (const auto& g : grantees)
      if (g.empty())
        return ExecContext::fails("0LP01", "grant options can only be granted to roles");
  }
  std::string kind_word = objtype == "OBJECT_SEQUENCE" ? "sequence"
                          : objtype == "OBJECT_SCHEMA" ? "schema"
                          : on_routines ? (objtype == "OBJECT_PROCEDURE" ? "procedure"
                                           : objtype == "OBJECT_ROUTINE" ? "routine"
                                                                         : "function")
                                        : "relation";
  uint32_t kind_all = objtype == "OBJECT_SEQUENCE" ? kAclAllSequence
                      : objtype == "OBJECT_SCHEMA" ? kAclAllSchema
                      : on_routines                ? kAclAllFunction
                                                   : kAclAllRelation | kAclAllSequence;
  uint32_t privs = 0;
  bool all = n.list("privileges").empty();
  for (Node p : n.list("privileges")) {
    std::string name(p.body().str("priv_name"));
    uint32_t bit = acl_privilege_bit(name);
    std::string upper;
    for (char c : name) upper += static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    if (!bit) return ExecContext::fails("42601", "unrecognized privilege type \"" + name + "\"");
    if (!(bit & kind_all)) {
      return ExecContext::fails("0LP01", "invalid privilege type " + upper + " for " + kind_word);
    }
    privs |= bit;
  }
  StatementResult r;
  bool changed = false;
  for (auto& t : targets) {
    uint32_t these = all ? t.all : privs & t.all;
    if (these != privs && !all && t.word == "table") {
      // USAGE is the only privilege of the relation-or-sequence set a table lacks.
      return ExecContext::fails("0LP01", "invalid privilege type USAGE for table");
    }
    if (these != privs && !all) {
      return ExecContext::unknown("privileges that do not apply to " + t.word + " \"" + t.name +
                                  "\" only raise a WARNING, which is not modelled");
    }
    std::vector<AclItem> acl =
        t.acl->empty() ? default_acl(t.owner, t.all, t.public_execute) : parse_acl(*t.acl);
    for (const auto& g : grantees) acl_update(acl, is_grant, g, t.owner, these, grant_option);
    std::vector<std::string> text = format_acl(acl);
    if (text.empty()) {
      return ExecContext::unknown("an ACL with no entries is not represented in the model");
    }
    // A NULL ACL becomes explicit even when the privileges stay the same.
    if (text != *t.acl) {
      changed = true;
      *t.acl = std::move(text);
      r.touched.push_back(t.touched);
    }
  }
  if (!changed && !targets.empty()) return ExecContext::no_op("the privileges are already so");
  if (targets.empty()) return ExecContext::no_op("no object matches");
  return r;
}

StatementResult grant_role(ExecContext& ctx) {
  Node n = ctx.stmt.node;
  bool is_grant = n.flag("is_grant");
  std::string grantor = ctx.catalog.current_user();
  std::vector<std::string> roles, members;
  for (Node g : n.list("granted_roles")) {
    std::string role(g.body().str("priv_name"));
    if (!ctx.catalog.role_exists(role))
      return ExecContext::fails("42704", "role \"" + role + "\" does not exist");
    roles.push_back(role);
  }
  for (Node m : n.list("grantee_roles")) {
    std::string member = role_name(ctx.catalog, m.body());
    if (member.empty()) return ExecContext::unknown("GRANT role TO PUBLIC");
    if (!ctx.catalog.role_exists(member))
      return ExecContext::fails("42704", "role \"" + member + "\" does not exist");
    members.push_back(member);
  }
  if (n.flag("admin_opt") || !n.list("opt").empty()) {
    return ExecContext::unknown("ADMIN OPTION of role memberships is not modelled");
  }
  StatementResult r;
  bool changed = false;
  for (const auto& role : roles) {
    for (const auto& member : members) {
      if (role == member) {
        return ExecContext::fails("0LP01",
                                  "role \"" + member + "\" is a member of role \"" + role + "\"");
      }
      std::string key = Catalog::key(role, member);
      if (is_grant) {
        if (ctx.catalog.role_members.find(key)) {
          r.notices.mut().push_back("role \"" + member + "\" is already a member of role \"" +
                                    role + "\"");
          continue;
        }
        if (ctx.catalog.role_members.find(Catalog::key(member, role))) {
          return ExecContext::fails("0LP01",
                                    "role \"" + role + "\" is a member of role \"" + member + "\"");
        }
        ctx.catalog.role_members.put(key, grantor);
      } else {
        if (!ctx.catalog.role_members.find(key)) {
          r.notices.mut().push_back("role \"" + member + "\" is not a member of role \"" + role +
                                    "\"");
          continue;
        }
        ctx.catalog.role_members.erase(key);
      }
      changed = true;
      r.touched.push_back("role " + role);
    }
  }
  if (!changed) {
    StatementResult none = ExecContext::no_op(r.notices->empty() ? "" : r.notices->front());
    none.notices = r.notices;
    return none;
  }
  return r;
}

HandlerRegistrar reg("GrantStmt", grant);
HandlerRegistrar reg_role("GrantRoleStmt", grant_role);

}  // namespace
}  // namespace migsim
