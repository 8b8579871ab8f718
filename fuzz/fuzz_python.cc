// The Python tokenizer, then the Alembic revision header reader on the same
// text saved as a revision script, then its upgrade() run as plan runs it
// (the Python parser and migsim's interpreter of op.* calls) on an empty catalog.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "fuzz/fuzz_util.h"
#include "parser/python/lexer.h"
#include "parser/revisions/readers.h"
#include "planner/alembic/script_runner.h"
#include "planner/catalog/catalog.h"
#include "planner/engine/engine.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  migsim::SourceFile source("fuzz.py", std::string(reinterpret_cast<const char*>(data), size));
  migsim::python::TokenStream stream;
  migsim::InputError error;
  migsim::python::tokenize(source, stream, error);

  static const std::string dir = [] {
    std::string d = migsim::fuzz::scratch_dir() + "/versions";
    std::filesystem::create_directories(d);
    return d;
  }();
  migsim::fuzz::write_file(dir + "/0001_fuzz.py", data, size);
  std::vector<migsim::Revision> revisions;
  if (!migsim::revisions::read_alembic_scripts(dir, revisions, error)) return 0;
  for (const auto& revision : revisions) {
    migsim::Catalog catalog;
    migsim::Engine engine(catalog);
    std::vector<migsim::StatementRecord> records;
    migsim::run_alembic_upgrade(revision, engine, records, error);
    if (engine.in_block()) engine.end_block();
  }
  return 0;
}
