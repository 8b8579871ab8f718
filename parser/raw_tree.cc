#include "parser/raw_tree.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "parser/tape_writer.h"

// PostgreSQL's own headers (postgresql-server-dev-15), for the node structs
// libpg_query's parser builds; they stay in this file.
// postgres.h comes first.
extern "C" {
#include "postgres.h"

#include "nodes/parsenodes.h"
#include "nodes/pg_list.h"
}

#include "parser/pg_query_internal.h"

namespace migsim {
namespace {

/// The version libpg_query 15-4.0.0 writes at the top of its JSON (the
/// PostgreSQL release its parser was cut from, not the headers').
constexpr int64_t kLibpgQueryVersion = 150001;

void write_node(TapeWriter& w, const Node* node);
void write_list(TapeWriter& w, const List* list);

#include "raw_nodes.inc"

void write_list(TapeWriter& w, const List* list) {
  w.start_array();
  const ListCell* lc;
  foreach (lc, list) {
    const Node* item = static_cast<const Node*>(lfirst(lc));
    if (item) {
      write_node(w, item);
    } else {
      w.start_object();
      w.end_object();
    }
  }
  w.end_array();
}

/// `outer`:{"ival":`ival`}, the value left out when zero. libpg_query writes
/// negative ones as {} too, which migsim restores from the SQL text
/// (json_fixups.h) where it can: here the value is known.
void write_integer(TapeWriter& w, Literal outer, int ival) {
  w.key(outer);
  w.start_object();
  if (ival != 0) {
    w.key(kL_ival);
    w.number(ival);
  }
  w.end_object();
}

/// `outer`:{`field`:`value`}: a value node holding one string.
void write_string_value(TapeWriter& w, Literal outer, Literal field, const char* value) {
  w.key(outer);
  w.start_object();
  w.key(field);
  w.string(value);
  w.end_object();
}

/// One of A_Const's values, as {"<name>":{<fields>}}.
void write_const(TapeWriter& w, const A_Const* c) {
  const Node* v = &c->val.node;
  switch (nodeTag(v)) {
    case T_Integer:
      write_integer(w, kL_ival, c->val.ival.ival);
      break;
    case T_Float:
      write_string_value(w, kL_fval, kL_fval, c->val.fval.fval);
      break;
    case T_Boolean:
      // Unlike a Boolean node's, a constant's false is left out.
      w.key(kL_boolval);
      w.start_object();
      if (c->val.boolval.boolval) {
        w.key(kL_boolval);
        w.boolean(true);
      }
      w.end_object();
      break;
    case T_String:
      write_string_value(w, kL_sval, kL_sval, c->val.sval.sval);
      break;
    case T_BitString:
      write_string_value(w, kL_bsval, kL_bsval, c->val.bsval.bsval);
      break;
    default:
      w.fail();
  }
}

void write_items(TapeWriter& w, const List* list) {
  w.key(kL_items);
  if (nodeTag(list) == T_List) {
    write_list(w, list);
    return;
  }
  w.start_array();
  const ListCell* lc;
  foreach (lc, list) {
    if (nodeTag(list) == T_IntList)
      w.number(lfirst_int(lc));
    else
      w.number(lfirst_oid(lc));
  }
  w.end_array();
}

/// A node as libpg_query writes one: {"Kind":{<fields>}}.
void write_node(TapeWriter& w, const Node* node) {
  if (w.failed()) return;
  w.start_object();
  switch (nodeTag(node)) {
    case T_Integer:
      write_integer(w, kL_Integer, reinterpret_cast<const Integer*>(node)->ival);
      break;
    case T_Float:
      write_string_value(w, kL_Float, kL_fval, reinterpret_cast<const Float*>(node)->fval);
      break;
    case T_Boolean:
      w.key(kL_Boolean);
      w.start_object();
      w.key(kL_boolval);
      w.boolean(reinterpret_cast<const Boolean*>(node)->boolval);
      w.end_object();
      break;
    case T_String:
      write_string_value(w, kL_String, kL_sval, reinterpret_cast<const String*>(node)->sval);
      break;
    case T_BitString:
      write_string_value(w, kL_BitString, kL_bsval,
                         reinterpret_cast<const BitString*>(node)->bsval);
      break;
    case T_A_Const: {
      const auto* c = reinterpret_cast<const A_Const*>(node);
      w.key(kL_A_Const);
      w.start_object();
      if (c->isnull) {
        w.key(kL_isnull);
        w.boolean(true);
      } else {
        write_const(w, c);
      }
      w.key(kL_location);  // written even when 0
      w.number(c->location);
      w.end_object();
      break;
    }
    case T_List:
    case T_IntList:
    case T_OidList:
      w.key(nodeTag(node) == T_List      ? kL_List
            : nodeTag(node) == T_IntList ? kL_IntList
                                         : kL_OidList);
      w.start_object();
      write_items(w, reinterpret_cast<const List*>(node));
      w.end_object();
      break;
    default:
      if (!write_generated(w, node)) w.fail();
  }
  w.end_object();
}

std::unique_ptr<simdjson::dom::document> write_tree(const List* stmts, size_t max_depth) {
  TapeWriter w(max_depth);
  w.start_object();
  w.key(kL_version);
  w.number(kLibpgQueryVersion);
  w.key(kL_stmts);
  w.start_array();
  const ListCell* lc;
  foreach (lc, stmts) {
    w.start_object();
    write_RawStmt(w, lfirst_node(RawStmt, lc));
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.finish();
}

}  // namespace

RawTree parse_raw_tree(const char* sql, size_t max_depth) {
  RawTree out;
  MemoryContextData* ctx = pg_query_enter_memory_context();
  PgQueryInternalParsetreeAndError parsed = pg_query_raw_parse(sql);
  if (parsed.error) {
    const PgQueryError* error = parsed.error;
    out.syntax_error = true;
    out.message = error->message;
    out.cursorpos = error->cursorpos;
    pg_query_free_error(parsed.error);
  } else {
    out.doc = write_tree(parsed.tree, max_depth);
    if (!out.doc) {
      // Left to the JSON: libpg_query's own writing of this tree, as
      // pg_query_parse would give it, without parsing the text again.
      char* json = pg_query_nodes_to_json(parsed.tree);
      size_t size = std::strlen(json);
      out.json.reserve(size + simdjson::SIMDJSON_PADDING);
      out.json.assign(json, size);
    }
  }
  std::free(parsed.stderr_buffer);
  pg_query_exit_memory_context(ctx);
  return out;
}

}  // namespace migsim
