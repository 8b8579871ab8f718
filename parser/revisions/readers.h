#pragma once
// The readers behind read_revisions(), one per source format, and what they share.

#include <string>
#include <string_view>
#include <vector>

#include "parser/revisions/revision.h"

namespace migsim::revisions {

bool read_alembic_scripts(const std::string& dir, std::vector<Revision>& out, InputError& error);
bool read_alembic_offline(const std::string& file, const ReadOptions& options,
                          std::vector<Revision>& out, InputError& error);
bool read_flyway(const std::string& dir, std::vector<Revision>& out, InputError& error);
bool read_golang_migrate(const std::string& dir, std::vector<Revision>& out, InputError& error);
bool read_dbmate(const std::string& dir, std::vector<Revision>& out, InputError& error);
bool read_diesel(const std::string& dir, std::vector<Revision>& out, InputError& error);
bool read_sql_files(const std::string& path, std::vector<Revision>& out, InputError& error);

struct DirEntry {
  std::string name;
  std::string path;
  bool is_dir = false;
};

/// The entries of `dir`, sorted by name (bytewise), without hidden files.
bool list_dir(const std::string& dir, std::vector<DirEntry>& out, InputError& error);

/// Parses source->text()[begin, end) as the SQL body of `rev`; locations stay
/// those of the file.
bool parse_sql_body(std::shared_ptr<const SourceFile> source, uint32_t begin, uint32_t end,
                    Revision& rev, InputError& error);

/// Compares names with runs of digits compared as numbers ("2_a" < "10_a").
int natural_compare(std::string_view a, std::string_view b);

/// The digits of `s` only ("2017-08-31-1234" -> "201708311234").
std::string digits_of(std::string_view s);

/// Makes each revision the down revision of the next (histories that are a list).
void chain_linearly(std::vector<Revision>& revisions);

}  // namespace migsim::revisions
