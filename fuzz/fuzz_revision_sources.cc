// Revision sources that read file contents: Alembic offline SQL (its
// `-- Running upgrade` markers), dbmate's `-- migrate:up/down` sections, and a
// directory of SQL files, each read and parsed in the background.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "fuzz/fuzz_util.h"
#include "parser/revisions/parse_bodies.h"
#include "parser/revisions/readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string offline = migsim::fuzz::scratch_dir() + "/upgrade.sql";
  static const std::string dbmate = [] {
    std::string d = migsim::fuzz::scratch_dir() + "/db/migrations";
    std::filesystem::create_directories(d);
    return d;
  }();
  static const std::string sql_files = [] {
    std::string d = migsim::fuzz::scratch_dir() + "/sql";
    std::filesystem::create_directories(d);
    return d;
  }();
  migsim::InputError error;
  {
    migsim::fuzz::write_file(offline, data, size);
    std::vector<migsim::Revision> revisions;
    migsim::revisions::read_alembic_offline(offline, migsim::ReadOptions{}, revisions, error);
  }
  {
    migsim::fuzz::write_file(dbmate + "/20240101000000_fuzz.sql", data, size);
    std::vector<migsim::Revision> revisions;
    if (migsim::revisions::read_dbmate(dbmate, revisions, error)) {
      migsim::BodyParse::start(revisions, false);
      migsim::finish_revision_bodies(revisions, error);
    }
  }
  {
    // The same text as the 2nd and 5th of five files: the files are read where
    // their bodies are parsed, beside the caller, which reads the scripts.
    for (int i = 1; i <= 5; ++i) {
      std::string path = sql_files + "/" + std::to_string(i) + "_fuzz.sql";
      if (i == 2 || i == 5)
        migsim::fuzz::write_file(path, data, size);
      else
        migsim::fuzz::write_file(path, reinterpret_cast<const uint8_t*>("SELECT 1;\n"), 10);
    }
    std::vector<migsim::Revision> revisions;
    if (migsim::revisions::read_sql_files(sql_files, revisions, error)) {
      migsim::BodyParse::start(revisions, true);
      for (const migsim::Revision& r : revisions) (void)r.script().statements.size();
      migsim::finish_revision_bodies(revisions, error);
    }
  }
  return 0;
}
