// Test tool: replays Alembic revision scripts with migsim's reader and prints
// one JSON line per record, with libpg_query's fingerprint of its SQL; or
// (--split) prints the statements of a SQL file the same way, so a test can
// compare migsim's translation with what Alembic renders offline.
// --alembic-version V first: translate as that Alembic release does.

#include <pg_query.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "parser/sql_parser.h"
#include "planner/alembic/script_runner.h"

namespace {

std::string json(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\')
      out += '\\', out += static_cast<char>(c);
    else if (c == '\n')
      out += "\\n";
    else if (c == '\t')
      out += "\\t";
    else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else
      out += static_cast<char>(c);
  }
  return out + "\"";
}

std::string fingerprint(const std::string& sql) {
  PgQueryFingerprintResult r = pg_query_fingerprint(sql.c_str());
  std::string out = r.error ? std::string("error: ") + r.error->message : r.fingerprint_str;
  pg_query_free_fingerprint_result(r);
  return out;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace migsim;
  if (argc < 2) {
    std::cerr
        << "usage: migsim_alembic_dump [--alembic-version V] [--setup FILE.sql] SCRIPT.py... | "
           "--split FILE.sql\n";
    return 2;
  }
  // --alembic-version: translate as that Alembic release renders (default: the current one).
  AlembicVersion version;
  if (std::string(argv[1]) == "--alembic-version" && argc > 3) {
    auto v = AlembicVersion::parse(argv[2]);
    if (!v) {
      std::cerr << "not an Alembic version: " << argv[2] << "\n";
      return 2;
    }
    version = *v;
    argv += 2;
    argc -= 2;
  }
  std::string first = argv[1];
  if (first == "--split") {
    auto file = std::make_shared<SourceFile>(argv[2], read(argv[2]));
    ParsedScript script;
    InputError error;
    if (!SqlParser::parse_file(file, script, error)) {
      std::cerr << error.to_string() << "\n";
      return 1;
    }
    for (const Statement& s : script.statements)
      std::cout << "{\"sql\":" << json(std::string(s.text))
                << ",\"fingerprint\":" << json(fingerprint(std::string(s.text))) << "}\n";
    return 0;
  }
  Catalog catalog;
  Engine engine(catalog);
  std::vector<ParsedScript> setups;
  int i = 1;
  if (first == "--setup") {
    auto file = std::make_shared<SourceFile>(argv[2], read(argv[2]));
    ParsedScript script;
    InputError error;
    if (!SqlParser::parse_file(file, script, error)) {
      std::cerr << error.to_string() << "\n";
      return 1;
    }
    for (const Statement& s : script.statements) engine.execute(s);
    setups.push_back(std::move(script));
    i = 3;
  }
  for (; i < argc; ++i) {
    Revision rev;
    rev.path = argv[i];
    rev.format = SourceFormat::kAlembic;
    rev.source = std::make_shared<SourceFile>(argv[i], read(argv[i]));
    std::vector<StatementRecord> out;
    InputError error;
    engine.begin_block();
    bool ok = run_alembic_upgrade(rev, engine, out, error, version);
    engine.end_block();
    if (!ok) {
      std::cout << "{\"file\":" << json(argv[i]) << ",\"error\":" << json(error.to_string())
                << "}\n";
      continue;
    }
    for (const StatementRecord& r : out)
      std::cout << "{\"file\":" << json(argv[i]) << ",\"line\":" << r.location.line
                << ",\"outcome\":" << json(std::string(outcome_name(r.result.outcome)))
                << ",\"sql\":" << json(std::string(r.sql))
                << ",\"fingerprint\":" << json(fingerprint(std::string(r.sql)))
                << ",\"message\":" << json(r.result.message) << "}\n";
  }
  return 0;
}
