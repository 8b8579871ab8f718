#pragma once
// One replayed statement as reports show it: where it is, its text, what it did.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parser/source.h"
#include "planner/engine/outcome.h"

namespace migsim {

struct ObjectChange;

struct StatementRecord {
  Location location;
  /// The statement's text: a view into the file it was read from, which the
  /// record keeps (`sql_owner`), or into a copy the record owns.
  std::string_view sql;
  std::shared_ptr<const void> sql_owner;
  StatementResult result;
  /// The migration tool's own version-table statement (alembic_version
  /// INSERT/UPDATE, flyway_schema_history rows): not part of the revision's body.
  bool bookkeeping = false;
  /// What the statement changes as written, read from its parse tree when it
  /// ran (planner/rules/statement_targets.h); null for a record of no parsed statement.
  std::shared_ptr<const std::vector<ObjectChange>> changes = nullptr;

  /// `text` becomes the statement's text, kept by the record.
  void own_sql(std::string text) {
    auto owned = std::make_shared<const std::string>(std::move(text));
    sql = *owned;
    sql_owner = std::move(owned);
  }
  /// `text`, where it lies in `source`'s text, is viewed there and `source`
  /// kept; text from elsewhere is copied.
  void view_sql(std::string_view text, const std::shared_ptr<const SourceFile>& source) {
    const std::string* whole = source ? &source->text() : nullptr;
    std::less_equal<const char*> at_or_before;  // a total order, even across objects
    if (whole && at_or_before(whole->data(), text.data()) &&
        at_or_before(text.data() + text.size(), whole->data() + whole->size())) {
      sql = text;
      sql_owner = source;
    } else {
      own_sql(std::string(text));
    }
  }
};

}  // namespace migsim
