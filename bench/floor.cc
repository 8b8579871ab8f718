// The floor of the benchmark: libpg_query parsing each statement of a file
// (JSON output), nothing else. Statements are split before timing starts.
// With --raw, the parse alone, without the JSON: libpg_query's raw parse into
// PostgreSQL's parse nodes (what migsim reads, parser/raw_tree.h), then freed.
//
//   migsim_bench_floor FILE [--protobuf | --raw]

#include <pg_query.h>

#include "parser/pg_query_internal.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

enum class Output { kJson, kProtobuf, kRaw };

// The timed part, on its own so that `valgrind --tool=callgrind
// --toggle-collect=parse_all` counts its instructions alone.
extern "C" __attribute__((noinline)) size_t parse_all(const std::vector<std::string>& statements,
                                                      Output output) {
  size_t bytes = 0;
  for (const auto& s : statements) {
    if (output == Output::kRaw) {
      MemoryContextData* ctx = pg_query_enter_memory_context();
      PgQueryInternalParsetreeAndError r = pg_query_raw_parse(s.c_str());
      bytes += r.tree != nullptr;
      if (r.error) pg_query_free_error(r.error);
      free(r.stderr_buffer);
      pg_query_exit_memory_context(ctx);
    } else if (output == Output::kProtobuf) {
      PgQueryProtobufParseResult r = pg_query_parse_protobuf(s.c_str());
      bytes += r.parse_tree.len;
      pg_query_free_protobuf_parse_result(r);
    } else {
      PgQueryParseResult r = pg_query_parse(s.c_str());
      bytes += r.parse_tree ? std::char_traits<char>::length(r.parse_tree) : 0;
      pg_query_free_parse_result(r);
    }
  }
  return bytes;
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: migsim_bench_floor FILE [--protobuf | --raw]\n");
    return 2;
  }
  std::string flag = argc > 2 ? argv[2] : "";
  Output output = flag == "--protobuf" ? Output::kProtobuf
                  : flag == "--raw"    ? Output::kRaw
                                       : Output::kJson;
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  PgQuerySplitResult split = pg_query_split_with_scanner(text.c_str());
  if (split.error) {
    std::fprintf(stderr, "%s\n", split.error->message);
    return 2;
  }
  std::vector<std::string> statements;
  for (int i = 0; i < split.n_stmts; ++i) {
    statements.emplace_back(text.substr(split.stmts[i]->stmt_location, split.stmts[i]->stmt_len));
  }
  pg_query_free_split_result(split);

  auto start = std::chrono::steady_clock::now();
  size_t bytes = parse_all(statements, output);
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (output == Output::kRaw)
    std::printf("%zu statements, %.3f ms, %zu parse trees\n", statements.size(), ms, bytes);
  else
    std::printf("%zu statements, %.3f ms, %zu bytes of parse trees\n", statements.size(), ms,
                bytes);
  return 0;
}
