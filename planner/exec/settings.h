#pragma once
// Session settings: SET, RESET, SHOW and set_config(). search_path is the one
// that changes how later statements resolve names; the others are kept as
// plain values (PostgreSQL's catalog does not change when they are set).

#include <string>
#include <string_view>
#include <vector>

#include "planner/catalog/names.h"
#include "planner/engine/exec_context.h"

namespace migsim {

/// One row of pg_settings, as far as SET needs it.
struct GucInfo {
  std::string_view name;  ///< lower case
  std::string_view vartype;
  std::string_view context;
  std::string_view unit;
  std::string_view min;
  std::string_view max;
  std::string_view enumvals;  ///< comma-separated
};

const std::vector<GucInfo>& guc_table();
const GucInfo* find_guc(std::string_view name);

/// When the statement is `SELECT [pg_catalog.]set_config(...)` alone, runs it
/// as a SET and fills `out`; returns false for any other SELECT.
bool select_set_config(ExecContext& ctx, StatementResult& out);

/// At COMMIT: SET LOCAL values end with their transaction.
void end_transaction_settings(Catalog& catalog);

/// The result of checking a SET: fine, an error PostgreSQL raises, or not judged.
struct SettingCheck {
  Outcome outcome = Outcome::kApplies;
  std::string sqlstate;
  std::string message;
  static SettingCheck failure(std::string code, std::string msg) {
    return {Outcome::kFails, std::move(code), std::move(msg)};
  }
  static SettingCheck unknown(std::string why) { return {Outcome::kUnknown, {}, std::move(why)}; }
  bool ok() const { return outcome == Outcome::kApplies; }
  StatementResult result() const {
    return outcome == Outcome::kFails ? ExecContext::fails(sqlstate, message)
                                      : ExecContext::unknown(message);
  }
};

/// Whether `value` is valid for the parameter, as its parser and check would say.
SettingCheck check_setting_value(const GucInfo& g, std::string_view value);
/// Whether the parameter can be set in a session at all.
SettingCheck check_setting_context(const GucInfo& g);

/// Sets (or with `reset`, resets) a checked parameter. `local`: SET LOCAL or
/// set_config(..., true). `from_select`: set_config(), whose no-change outcome is `data`.
StatementResult apply_setting(ExecContext& ctx, const std::string& name, const std::string& value,
                              bool reset, bool local, bool from_select);

/// The catalog key that remembers the value a SET LOCAL hides until commit.
std::string local_setting_key(std::string_view name);

}  // namespace migsim
