// SQL text parsed by libpg_query and every statement replayed on an empty
// catalog: exercises the splitter, the JSON reader and every statement handler.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "parser/sql_parser.h"
#include "planner/catalog/catalog.h"
#include "planner/engine/engine.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto source = std::make_shared<migsim::SourceFile>(
      "fuzz.sql", std::string(reinterpret_cast<const char*>(data), size));
  migsim::ParsedScript script;
  migsim::InputError error;
  if (!migsim::SqlParser::parse_file(source, script, error)) return 0;
  migsim::Catalog catalog;
  migsim::Engine engine(catalog);
  for (const auto& stmt : script.statements) engine.execute(stmt);
  if (engine.in_block()) engine.end_block();
  return 0;
}
