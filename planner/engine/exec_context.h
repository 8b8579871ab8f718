#pragma once
// What a statement handler sees: the catalog, the statement, the engine.

#include <string>
#include <string_view>

#include "parser/statement.h"
#include "planner/catalog/catalog.h"
#include "planner/engine/outcome.h"

namespace migsim {

class Engine;

struct ExecContext {
  Catalog& catalog;
  const Statement& stmt;
  Engine& engine;

  bool in_transaction_block() const;

  static StatementResult applies() { return {}; }
  static StatementResult fails(std::string sqlstate, std::string message, std::string detail = {},
                               std::string hint = {}) {
    StatementResult r;
    r.outcome = Outcome::kFails;
    r.sqlstate = std::move(sqlstate);
    r.message = std::move(message);
    r.detail = std::move(detail);
    r.hint = std::move(hint);
    return r;
  }
  /// A no-op that PostgreSQL announces with a NOTICE (IF [NOT] EXISTS).
  static StatementResult skipped_with_notice(std::string notice) {
    StatementResult r;
    r.outcome = Outcome::kNoOp;
    r.message = notice;
    r.notices.mut().push_back(std::move(notice));
    return r;
  }
  static StatementResult no_op(std::string reason) {
    StatementResult r;
    r.outcome = Outcome::kNoOp;
    r.message = std::move(reason);
    return r;
  }
  static StatementResult unknown(std::string reason) {
    StatementResult r;
    r.outcome = Outcome::kUnknown;
    r.message = std::move(reason);
    return r;
  }
  static StatementResult data(std::string note = {}) {
    StatementResult r;
    r.outcome = Outcome::kData;
    r.message = std::move(note);
    return r;
  }
};

using Handler = StatementResult (*)(ExecContext&);

/// Registers the handler of one statement kind (libpg_query node name). Each
/// handler file registers itself with a file-level `HandlerRegistrar`.
struct HandlerRegistrar {
  HandlerRegistrar(std::string_view kind, Handler handler);
};

Handler find_handler(std::string_view kind);

}  // namespace migsim
