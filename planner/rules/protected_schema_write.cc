#include "planner/rules/protected_schema_write.h"

#include <map>
#include <set>

#include "planner/rules/statement_targets.h"

namespace migsim {

namespace {

struct TableTouch {
  std::set<std::string> columns;
  bool changed = false;           ///< some statement applied
  bool unguarded_change = false;  ///< ... with no guard
  bool type_or_drop = false;      ///< a drop or a column type change that applied
  bool failed = false;
};

struct SchemaTouch {
  std::map<std::string, TableTouch> tables;
  const StatementRecord* first = nullptr;
};

std::string plural(size_t n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

}  // namespace

void check_protected_schema_writes(const Project& project, const EnvironmentRun& run,
                                   std::vector<Finding>& out) {
  // Without a schema of another system's, no statement writes to one: the
  // statements' changes are not worth resolving.
  if (!run.catalog || !any_external_schema(project.config)) return;
  for (const auto& rev : run.revisions) {
    if (rev.verdict == Verdict::kSkipped) continue;
    std::map<std::string, SchemaTouch> schemas;
    for (const auto& s : rev.statements) {
      if (s.bookkeeping) continue;
      for (const auto& c : statement_changes(s, *run.catalog)) {
        if (!external_schema(project.config, c.schema)) continue;
        SchemaTouch& st = schemas[c.schema];
        if (!st.first) st.first = &s;
        TableTouch& t = st.tables[c.table];
        if (!c.column.empty()) t.columns.insert(c.column);
        Outcome o = s.result.outcome;
        if (o == Outcome::kApplies) {
          t.changed = true;
          if (!c.guarded) t.unguarded_change = true;
          if (c.op == ObjectChange::Op::kColumnType || c.op == ObjectChange::Op::kDrop ||
              c.op == ObjectChange::Op::kDropColumn)
            t.type_or_drop = true;
        } else if (o == Outcome::kFails) {
          t.failed = true;
        }
      }
    }
    for (const auto& [schema, st] : schemas) {
      bool changed = false, unguarded = false, type_or_drop = false, failed = false;
      std::string tables;
      for (const auto& [name, t] : st.tables) {
        changed = changed || t.changed;
        unguarded = unguarded || t.unguarded_change;
        type_or_drop = type_or_drop || t.type_or_drop;
        failed = failed || t.failed;
        if (!tables.empty()) tables += ", ";
        tables += name;
        if (!t.columns.empty()) tables += " (" + plural(t.columns.size(), "column") + ")";
      }
      std::string impact;
      if (rev.applied) {
        if (type_or_drop && !unguarded)
          impact = "MEDIUM (certain): a column type change or drop, recorded as done";
        else if (unguarded || type_or_drop)
          impact =
              "MEDIUM (certain): unguarded statements that succeeded when the revision was "
              "applied, so they changed " +
              schema;
        else if (changed)
          impact = "MEDIUM (likely): guarded statements that changed " + schema + " in the replay";
        else
          impact =
              "LOW (likely): every change is guarded and its object exists in the snapshot, "
              "so they likely existed already and the statements were no-ops";
      } else {
        if (failed)
          impact = "HIGH: it would change " + schema + " and fails here";
        else if (type_or_drop)
          impact = "HIGH: it drops or changes the type of objects in " + schema;
        else if (changed)
          impact = "MEDIUM: it changes " + schema;
        else
          impact = "LOW: every such statement is a no-op in " + run.name;
      }
      const SchemaConfig* cfg = external_schema(project.config, schema);
      Finding f;
      f.rule = "protected-schema-write";
      f.severity = rev.applied ? "warning" : "error";
      f.revision = rev.revision->id;
      f.object = "schema " + schema;
      f.message = "revision " + rev.revision->id +
                  (rev.revision->message.empty() ? "" : " (" + rev.revision->message + ")") +
                  " writes to " + schema + ", owned by another system" +
                  (cfg->note.empty() ? "" : " (" + cfg->note + ")") + ": " + tables + ". Impact " +
                  impact + ".";
      f.file = std::string(st.first->location.file);
      f.line = st.first->location.line;
      f.column = st.first->location.column;
      out.push_back(std::move(f));
    }
  }
}

}  // namespace migsim
