// Revision sources that read file contents: Alembic offline SQL (its
// `-- Running upgrade` markers) and dbmate's `-- migrate:up/down` sections.

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
  return 0;
}
