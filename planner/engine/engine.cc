#include "planner/engine/engine.h"

#include "planner/engine/exec_context.h"
#include "planner/exec/settings.h"

namespace migsim {

bool ExecContext::in_transaction_block() const {
  return engine.in_block();
}

StatementResult Engine::dispatch(const Statement& stmt) {
  Handler handler = find_handler(stmt.kind);
  if (!handler) {
    return ExecContext::unknown("statement kind " + std::string(stmt.kind) + " is not modelled");
  }
  ExecContext ctx{catalog_, stmt, *this};
  return handler(ctx);
}

StatementResult Engine::execute_nested(const Statement& stmt) {
  if (stmt.kind == "TransactionStmt") {
    return ExecContext::fails("0A000", "unsupported transaction command in PL/pgSQL");
  }
  size_t mark = catalog_.journal.mark();
  StatementResult r = dispatch(stmt);
  if (r.outcome == Outcome::kFails) catalog_.journal.rollback_to(mark);
  return r;
}

StatementResult Engine::execute(const Statement& stmt) {
  if (stmt.kind == "TransactionStmt") return transaction_statement(stmt);
  if (aborted_) {
    StatementResult r;
    r.outcome = Outcome::kSkipped;
    r.sqlstate = "25P02";
    r.message = "current transaction is aborted, commands ignored until end of transaction block";
    return r;
  }
  size_t mark = catalog_.journal.mark();
  StatementResult r = dispatch(stmt);
  catalog_.end_statement();
  if (r.outcome == Outcome::kFails) {
    catalog_.journal.rollback_to(mark);
    if (in_block_) aborted_ = true;
  } else if (!in_block_) {
    catalog_.journal.commit();
  }
  return r;
}

void Engine::begin_block() {
  in_block_ = true;
  aborted_ = false;
  block_mark_ = catalog_.journal.mark();
  savepoints_.clear();
}

bool Engine::end_block() {
  bool committed = !aborted_;
  if (aborted_) {
    catalog_.journal.rollback_to(block_mark_);
  } else {
    end_transaction_settings(catalog_);  // SET LOCAL ends with the transaction
  }
  catalog_.journal.commit();
  in_block_ = false;
  aborted_ = false;
  savepoints_.clear();
  return committed;
}

StatementResult Engine::transaction_statement(const Statement& stmt) {
  std::string_view kind = stmt.node.str("kind");
  std::string name(stmt.node.str("savepoint_name"));
  StatementResult r;
  if (kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START") {
    if (in_block_) {
      if (aborted_) {
        r.outcome = Outcome::kSkipped;
        r.sqlstate = "25P02";
        r.message =
            "current transaction is aborted, commands ignored until end of transaction block";
        return r;
      }
      r.outcome = Outcome::kNoOp;
      r.message = "there is already a transaction in progress";
      return r;
    }
    begin_block();
    return r;
  }
  if (kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_ROLLBACK" ||
      kind == "TRANS_STMT_PREPARE") {
    if (!in_block_) {
      r.outcome = Outcome::kNoOp;
      r.message = "there is no transaction in progress";
      return r;
    }
    bool was_aborted = aborted_;
    if (kind != "TRANS_STMT_COMMIT") aborted_ = true;
    end_block();
    if (kind == "TRANS_STMT_COMMIT" && was_aborted) {
      r.message = "the transaction was aborted: COMMIT rolls it back";
    } else if (kind != "TRANS_STMT_COMMIT") {
      r.message = "the transaction rolls back";
    }
    return r;
  }
  if (kind == "TRANS_STMT_SAVEPOINT" || kind == "TRANS_STMT_RELEASE" ||
      kind == "TRANS_STMT_ROLLBACK_TO") {
    std::string_view word = kind == "TRANS_STMT_SAVEPOINT" ? "SAVEPOINT"
                            : kind == "TRANS_STMT_RELEASE" ? "RELEASE SAVEPOINT"
                                                           : "ROLLBACK TO SAVEPOINT";
    if (!in_block_) {
      return ExecContext::fails("25P01",
                                std::string(word) + " can only be used in transaction blocks");
    }
    if (aborted_ && kind != "TRANS_STMT_ROLLBACK_TO") {
      r.outcome = Outcome::kSkipped;
      r.sqlstate = "25P02";
      r.message = "current transaction is aborted, commands ignored until end of transaction block";
      return r;
    }
    if (kind == "TRANS_STMT_SAVEPOINT") {
      savepoints_.push_back({name, catalog_.journal.mark()});
      return r;
    }
    // Find the newest savepoint of that name.
    size_t i = savepoints_.size();
    while (i > 0 && savepoints_[i - 1].name != name) --i;
    if (i == 0) {
      if (aborted_) {
        // PostgreSQL reports the missing savepoint, and the block stays aborted.
      }
      StatementResult f = ExecContext::fails("3B001", "savepoint \"" + name + "\" does not exist");
      aborted_ = true;
      return f;
    }
    if (kind == "TRANS_STMT_RELEASE") {
      savepoints_.resize(i - 1);
    } else {
      catalog_.journal.rollback_to(savepoints_[i - 1].mark);
      savepoints_.resize(i);
      aborted_ = false;
    }
    return r;
  }
  return ExecContext::unknown("transaction command " + std::string(kind) + " is not modelled");
}

}  // namespace migsim
