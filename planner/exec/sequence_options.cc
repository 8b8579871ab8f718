#include "planner/exec/sequence_options.h"

#include <charconv>
#include <map>

#include "planner/exec/common.h"
#include "planner/exec/type_resolver.h"

namespace migsim {

namespace {

void type_bounds(const std::string& type, int64_t& lo, int64_t& hi) {
  if (type == "smallint") {
    lo = -32768;
    hi = 32767;
  } else if (type == "integer") {
    lo = -2147483648LL;
    hi = 2147483647LL;
  } else {
    lo = INT64_MIN;
    hi = INT64_MAX;
  }
}

/// A bigint as int8in reads it: an optional sign and digits, nothing else.
bool parse_bigint(const std::string& text, int64_t& out, StatementResult& error) {
  auto [end, ec] = std::from_chars(text.data() + (text.size() > 1 && text[0] == '+'),
                                   text.data() + text.size(), out);
  if (ec == std::errc::result_out_of_range) {
    error = ExecContext::fails("22003", "value \"" + text + "\" is out of range for type bigint");
    return false;
  }
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) {
    error = ExecContext::fails("22P02", "invalid input syntax for type bigint: \"" + text + "\"");
    return false;
  }
  return true;
}

/// The integer of an option (defGetInt64). libpg_query's JSON leaves out the
/// value of a zero or negative Integer node, so those are read from the
/// statement text; a number too large for an Integer node is a Float node,
/// read as int8in reads it.
bool int_arg(Node def, const Statement& stmt, int64_t& out, StatementResult& error) {
  Node arg = def["arg"];
  if (arg.kind() == "Integer" && arg.body()["ival"]) {
    out = arg.body().integer("ival");
    return true;
  }
  if (arg.kind() == "Float") return parse_bigint(std::string(arg.body().str("fval")), out, error);
  std::string_view text = stmt.text_from(def.location());
  size_t i = 0;
  while (i < text.size() && text[i] != '-' && !(text[i] >= '0' && text[i] <= '9')) ++i;
  std::string digits;
  if (i < text.size() && text[i] == '-') digits += text[i++];
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n')) ++i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') digits += text[i++];
  out = 0;
  if (digits.empty() || digits == "-") return true;
  return parse_bigint(digits, out, error);
}

StatementResult invalid(std::string message) {
  return ExecContext::fails("22023", std::move(message));
}

}  // namespace

bool change_sequence_type(SequenceInfo& seq, const std::string& type, StatementResult& error) {
  int64_t old_lo, old_hi, lo, hi;
  type_bounds(seq.type, old_lo, old_hi);
  type_bounds(type, lo, hi);
  if (type == seq.type) return true;
  if ((seq.increment > 0 && seq.max == old_hi) || (seq.increment < 0 && seq.max == -1))
    seq.max = seq.increment > 0 ? hi : -1;
  if ((seq.increment < 0 && seq.min == old_lo) || (seq.increment > 0 && seq.min == 1))
    seq.min = seq.increment > 0 ? 1 : lo;
  seq.type = type;
  std::string problem;
  if (seq.max < lo || seq.max > hi)
    problem =
        "MAXVALUE (" + std::to_string(seq.max) + ") is out of range for sequence data type " + type;
  else if (seq.min < lo || seq.min > hi)
    problem =
        "MINVALUE (" + std::to_string(seq.min) + ") is out of range for sequence data type " + type;
  if (problem.empty()) return true;
  error = invalid(problem);
  return false;
}

bool apply_sequence_options(const Catalog& catalog, const Statement& stmt, NodeList options,
                            bool for_create, SequenceInfo& seq, Node& owned_by,
                            StatementResult& error, bool identity) {
  std::map<std::string, Node> seen;
  for (Node o : options) {
    Node d = o.body();
    std::string name(d.str("defname"));
    if (seen.count(name)) {
      error = ExecContext::fails("42601", "conflicting or redundant options");
      return false;
    }
    seen[name] = d;
  }
  auto has = [&](const char* k) { return seen.count(k) != 0; };
  auto arg = [&](const char* k) { return seen[k]["arg"]; };

  std::string old_type = seq.type;
  int64_t old_lo, old_hi;
  type_bounds(old_type, old_lo, old_hi);
  if (has("as")) {
    Column c;
    if (!resolve_type(catalog, arg("as").body(), c, error)) return false;
    if (c.type != "smallint" && c.type != "integer" && c.type != "bigint") {
      error = invalid("sequence type must be smallint, integer, or bigint");
      return false;
    }
    seq.type = c.type;
  }
  if (has("increment")) {
    if (!int_arg(seen["increment"], stmt, seq.increment, error)) return false;
    if (seq.increment == 0) {
      error = invalid("INCREMENT must not be zero");
      return false;
    }
  }
  if (has("cycle")) seq.cycle = arg("cycle").body().flag("boolval");
  int64_t lo, hi;
  type_bounds(seq.type, lo, hi);
  bool reset_max = false, reset_min = false;
  if (has("maxvalue") && arg("maxvalue")) {
    if (!int_arg(seen["maxvalue"], stmt, seq.max, error)) return false;
  } else if (for_create || has("maxvalue") ||
             (seq.type != old_type &&
              ((seq.increment > 0 && seq.max == old_hi) || (seq.increment < 0 && seq.max == -1)))) {
    seq.max = seq.increment > 0 ? hi : -1;
    reset_max = true;
  }
  if (seq.max < lo || seq.max > hi) {
    error = invalid("MAXVALUE (" + std::to_string(seq.max) +
                    ") is out of range for sequence data type " + seq.type);
    return false;
  }
  if (has("minvalue") && arg("minvalue")) {
    if (!int_arg(seen["minvalue"], stmt, seq.min, error)) return false;
  } else if (for_create || has("minvalue") ||
             (seq.type != old_type &&
              ((seq.increment < 0 && seq.min == old_lo) || (seq.increment > 0 && seq.min == 1)))) {
    seq.min = seq.increment > 0 ? 1 : lo;
    reset_min = true;
  }
  (void)reset_max;
  (void)reset_min;
  if (seq.min < lo || seq.min > hi) {
    error = invalid("MINVALUE (" + std::to_string(seq.min) +
                    ") is out of range for sequence data type " + seq.type);
    return false;
  }
  if (seq.min >= seq.max) {
    error = invalid("MINVALUE (" + std::to_string(seq.min) + ") must be less than MAXVALUE (" +
                    std::to_string(seq.max) + ")");
    return false;
  }
  if (has("start")) {
    if (!int_arg(seen["start"], stmt, seq.start, error)) return false;
  } else if (for_create) {
    seq.start = seq.increment > 0 ? seq.min : seq.max;
  }
  if (seq.start < seq.min) {
    error = invalid("START value (" + std::to_string(seq.start) +
                    ") cannot be less than MINVALUE (" + std::to_string(seq.min) + ")");
    return false;
  }
  if (seq.start > seq.max) {
    error = invalid("START value (" + std::to_string(seq.start) +
                    ") cannot be greater than MAXVALUE (" + std::to_string(seq.max) + ")");
    return false;
  }
  if (has("restart") && arg("restart")) {
    int64_t restart = 0;
    if (!int_arg(seen["restart"], stmt, restart, error)) return false;
    if (restart < seq.min) {
      error = invalid("RESTART value (" + std::to_string(restart) +
                      ") cannot be less than MINVALUE (" + std::to_string(seq.min) + ")");
      return false;
    }
    if (restart > seq.max) {
      error = invalid("RESTART value (" + std::to_string(restart) +
                      ") cannot be greater than MAXVALUE (" + std::to_string(seq.max) + ")");
      return false;
    }
  }
  if (has("cache")) {
    if (!int_arg(seen["cache"], stmt, seq.cache, error)) return false;
    if (seq.cache <= 0) {
      error = invalid("CACHE (" + std::to_string(seq.cache) + ") must be greater than zero");
      return false;
    }
  }
  if (has("owned_by")) owned_by = arg("owned_by");
  for (const auto& [k, v] : seen) {
    if (k == "sequence_name") {
      if (identity) continue;
      error = ExecContext::fails("42601", "invalid sequence option SEQUENCE NAME");
      return false;
    }
    static const char* known[] = {"as",    "increment", "cycle", "maxvalue", "minvalue",
                                  "start", "restart",   "cache", "owned_by"};
    bool ok = false;
    for (const char* kn : known) ok = ok || k == kn;
    if (!ok) {
      error = ExecContext::unknown("sequence option " + k + " is not modelled");
      return false;
    }
  }
  return true;
}

bool apply_owned_by(ExecContext& ctx, Node owned_by, const std::string& seq_schema,
                    SequenceInfo& seq, StatementResult& error) {
  NodeList items = owned_by.body().list("items");
  if (items.size() == 1 && items.at(0).sval() == "none") {
    seq.owned_by_table.clear();
    seq.owned_by_column.clear();
    return true;
  }
  if (items.size() < 2) {
    error = ExecContext::fails("42601", "invalid OWNED BY option");
    return false;
  }
  std::string column(items.at(items.size() - 1).sval());
  std::string table(items.at(items.size() - 2).sval());
  std::string schema = items.size() >= 3 ? std::string(items.at(items.size() - 3).sval()) : "";
  if (!schema.empty() && !ctx.catalog.schemas.find(schema)) {
    error = ExecContext::fails("3F000", "schema \"" + schema + "\" does not exist");
    return false;
  }
  std::string found;
  const Relation* r = ctx.catalog.lookup_relation(schema, table, &found);
  if (!r) {
    std::string shown = schema.empty() ? table : schema + "." + table;
    error = ExecContext::fails("42P01", "relation \"" + shown + "\" does not exist");
    return false;
  }
  if (!(r->is_table() || r->kind == RelKind::kView || r->kind == RelKind::kForeignTable)) {
    error = ExecContext::fails("42809", "sequence cannot be owned by relation \"" + table + "\"");
    return false;
  }
  if (found != seq_schema) {
    error = ExecContext::fails("55000", "sequence must be in same schema as table it is linked to");
    return false;
  }
  if (!r->column(column)) {
    error = ExecContext::fails(
        "42703", "column \"" + column + "\" of relation \"" + table + "\" does not exist");
    return false;
  }
  seq.owned_by_table = table;
  seq.owned_by_column = column;
  return true;
}

}  // namespace migsim
