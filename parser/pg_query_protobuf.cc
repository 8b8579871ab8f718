// libpg_query's protobuf writer, left out of migsim.
//
// libpg_query's archive keeps pg_query_raw_parse and pg_query_parse, which
// migsim calls, in one object file with pg_query_parse_protobuf, which it
// never calls. That function's call to the protobuf writer would link the
// writer and every message descriptor of pg_query.proto into migsim: 190 KB
// of tables holding 7,819 pointers, which the dynamic loader relocates (and
// writes to, page by page) at every start of every command. This definition
// comes before the archive on the link line, so the linker takes it and
// leaves the writer and its tables out. It cannot be reached through anything
// migsim calls; reaching it anyway stops the process with a message.

#include <cstdio>
#include <cstdlib>

#include <pg_query.h>

extern "C" PgQueryProtobuf pg_query_nodes_to_protobuf(const void* /*tree*/) {
  std::fputs(
      "migsim: internal error: libpg_query's protobuf output was asked for, "
      "and migsim is built without it\n",
      stderr);
  std::abort();
}
