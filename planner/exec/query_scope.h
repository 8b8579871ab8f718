#pragma once
// Name resolution for queries, as PostgreSQL's parse analysis does it: the
// relations a query's FROM items name, the columns its expressions name, CTEs,
// subqueries, joins and outer references. It reports the first missing name
// with PostgreSQL's own error, and collects what the query reads so that a
// view can record its dependencies.

#include <string>
#include <string_view>
#include <vector>

#include "parser/node.h"
#include "planner/catalog/catalog.h"
#include "planner/engine/outcome.h"

namespace migsim {

/// One FROM item (or target relation) as expressions see it.
struct RangeEntry {
  std::string refname;  ///< the alias, or the relation's name
  std::string schema;   ///< of a catalog relation; empty for CTEs, subqueries
  std::string relname;  ///< of a catalog relation
  bool has_alias = false;
  bool user_relation = false;  ///< a relation of the catalog (reads are recorded)
  std::vector<std::string> columns;
  /// Its columns are not all known (a function in FROM, a system view not
  /// modelled): a name it may hold cannot be judged.
  bool opaque = false;
  /// Hidden by a join alias: its columns count for unqualified names only.
  bool qualified_hidden = false;
  /// Names a join alias holds more than once: a qualified reference is ambiguous.
  std::vector<std::string> ambiguous;
  /// Not visible from where names are being resolved now (an earlier FROM
  /// item, seen from a JOIN's ON clause or a non-LATERAL subquery).
  int out_of_scope = 0;
  /// A join alias: reachable by qualified names only (its tables answer unqualified ones).
  bool qualified_only = false;
};

/// The columns a query produces.
struct QueryOutput {
  std::vector<std::string> columns;
  bool opaque = false;  ///< some names are not known
};

class QueryScope {
 public:
  explicit QueryScope(const Catalog& catalog) : catalog_(catalog) {}

  /// Checks a SelectStmt body. False with `error` (kFails or kUnknown) on the first problem.
  bool check_select(Node select, QueryOutput* output, StatementResult& error);

  /// Opens a query level, for statements that build their own range (INSERT, UPDATE, DELETE).
  void push_level();
  void pop_level();
  /// Adds the CTEs of a WITH clause to the current level.
  bool add_with(Node with_clause, StatementResult& error);
  /// Adds the FROM items of a list to the current level.
  bool add_from(NodeList from, StatementResult& error);
  /// Adds one FROM item (a RangeVar, subquery, join, function) to the current level.
  bool add_from_node(Node item, StatementResult& error);
  /// Hides (or shows again) entries [from, to) of the current level: what a
  /// JOIN's ON clause, a non-LATERAL subquery or UPDATE's FROM may not name.
  void set_out_of_scope(size_t from, size_t to, bool hidden);
  /// Opens a relation named by a RangeVar as PostgreSQL's parserOpenTable does
  /// (CTE names do not count when `allow_cte` is false).
  bool open_relation(Node range_var, bool allow_cte, RangeEntry& out, StatementResult& error);
  /// Adds an entry to the current level (a DML target, "excluded").
  bool add_entry(RangeEntry entry, StatementResult& error);
  /// Checks every column reference and subquery inside an expression (or list of them).
  bool check_expr(Node expr, StatementResult& error);
  bool check_exprs(NodeList exprs, StatementResult& error);
  /// Checks a WHERE clause, where aggregate and window functions are not allowed.
  bool check_where(Node where, StatementResult& error);

  /// Records that a relation's column is read.
  void record_read(std::string_view schema, std::string_view name, std::string_view column);
  /// What the checked queries read: user relations and their columns.
  const std::vector<RelationRef>& reads() const { return reads_; }

  const Catalog& catalog() const { return catalog_; }

 private:
  struct Cte {
    std::string name;
    QueryOutput output;
    bool pending = false;  ///< a recursive CTE whose columns are being worked out
  };
  struct Level {
    std::vector<RangeEntry> entries;
    std::vector<std::string> merged;  ///< USING / NATURAL columns that are not ambiguous
    std::vector<Cte> ctes;
    std::vector<std::string> output_names;  ///< ORDER BY / GROUP BY may name output columns
  };

  bool check_column_ref(Node ref, StatementResult& error);
  bool check_function_call(Node call, StatementResult& error);
  bool add_from_item(Node item, std::vector<RangeEntry>& out, StatementResult& error);
  bool check_select_body(Node select, QueryOutput* output, StatementResult& error);
  bool figure_outputs(NodeList targets, QueryOutput& out);
  const Cte* find_cte(std::string_view name) const;
  bool check_grouping(Node select, StatementResult& error);
  /// The FROM item of the innermost level a column reference names (and the column).
  const RangeEntry* entry_of(Node ref, std::string& column) const;

  bool walk(simdjson::dom::element e, StatementResult& error);
  bool resolve_qualified(std::string_view schema, std::string_view table, std::string_view column,
                         bool star, StatementResult& error);
  void record_entry_read(const RangeEntry& e, std::string_view column);

  const Catalog& catalog_;
  std::vector<Level> levels_;
  bool allow_output_names_ = false;
  /// The clause being checked when it may not call aggregates ("WHERE"); empty otherwise.
  std::string_view no_aggregates_in_;
  std::vector<RelationRef> reads_;
};

/// Checks a whole query (a SelectStmt body) on its own, as CREATE VIEW needs:
/// its output columns and the user relations and columns it reads.
bool analyze_query(const Catalog& catalog, Node select, QueryOutput& output,
                   std::vector<RelationRef>& reads, StatementResult& error);

/// The columns of a system relation migsim knows ("pg_catalog.pg_class"), or null.
const std::vector<std::string>* system_relation_columns(std::string_view schema,
                                                        std::string_view name);

}  // namespace migsim
