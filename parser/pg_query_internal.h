#pragma once
// libpg_query's internal interface, which its static archive exports but
// Debian does not install a header for (its pg_query_internal.h and
// pg_query_outfuncs.h): PostgreSQL's raw parse inside pg_query_parse, and the
// JSON writer pg_query_parse runs on the tree, in a memory context of the
// caller's. PostgreSQL's types are only declared here; parser/raw_tree.cc
// includes their definitions.

#include <pg_query.h>

extern "C" {
struct List;
struct MemoryContextData;

struct PgQueryInternalParsetreeAndError {
  List* tree;
  char* stderr_buffer;  ///< malloc'd
  PgQueryError* error;  ///< freed with pg_query_free_error
};

/// A memory context for one parse; everything allocated in it goes on exit.
MemoryContextData* pg_query_enter_memory_context(void);
void pg_query_exit_memory_context(MemoryContextData* ctx);
PgQueryInternalParsetreeAndError pg_query_raw_parse(const char* input);
/// The JSON of a raw parse tree (a list of RawStmt), in the memory context.
char* pg_query_nodes_to_json(const void* tree);
void pg_query_free_error(PgQueryError* error);
}
