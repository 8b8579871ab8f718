#pragma once
// Replays statements on a catalog, one outcome each, with PostgreSQL's
// transaction semantics: a failure inside a transaction block aborts it, the
// statements after it are skipped until it ends, and its changes roll back.

#include <string>
#include <vector>

#include "parser/statement.h"
#include "planner/catalog/catalog.h"
#include "planner/engine/outcome.h"

namespace migsim {

class Engine {
 public:
  explicit Engine(Catalog& catalog) : catalog_(catalog) {}

  /// Runs one statement as psql would send it.
  StatementResult execute(const Statement& stmt);

  /// Runs a statement nested in another (the body of a DO block): no
  /// transaction control, and a failure is the caller's to report.
  StatementResult execute_nested(const Statement& stmt);

  /// Opens a transaction block the way a migration tool does, outside the SQL text.
  void begin_block();
  /// Ends the tool's transaction block: commits, or rolls back when it was aborted.
  /// Returns false when it rolled back.
  bool end_block();

  bool in_block() const { return in_block_; }
  bool aborted() const { return aborted_; }
  Catalog& catalog() { return catalog_; }

 private:
  StatementResult transaction_statement(const Statement& stmt);
  StatementResult dispatch(const Statement& stmt);

  Catalog& catalog_;
  bool in_block_ = false;
  bool aborted_ = false;
  size_t block_mark_ = 0;
  struct Savepoint {
    std::string name;
    size_t mark;
  };
  std::vector<Savepoint> savepoints_;
};

}  // namespace migsim
