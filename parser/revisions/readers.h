#pragma once
// The readers behind read_revisions(), one per source format, and what they share.

#include <string>
#include <string_view>
#include <vector>

#include "parser/revisions/revision.h"

namespace migsim::revisions {

// Each reader of a directory takes `listed` (detect_source_format's listing)
// instead of listing the directory again when it is the same one (list_dir).
bool read_alembic_scripts(const std::string& dir, std::vector<Revision>& out, InputError& error,
                          DirListing* listed = nullptr);
bool read_alembic_offline(const std::string& file, const ReadOptions& options,
                          std::vector<Revision>& out, InputError& error);
bool read_flyway(const std::string& dir, std::vector<Revision>& out, InputError& error,
                 DirListing* listed = nullptr);
bool read_golang_migrate(const std::string& dir, std::vector<Revision>& out, InputError& error,
                         DirListing* listed = nullptr);
bool read_dbmate(const std::string& dir, std::vector<Revision>& out, InputError& error,
                 DirListing* listed = nullptr);
bool read_diesel(const std::string& dir, std::vector<Revision>& out, InputError& error,
                 DirListing* listed = nullptr);
bool read_sql_files(const std::string& path, std::vector<Revision>& out, InputError& error,
                    DirListing* listed = nullptr);

/// The entries of `dir`, sorted by name (bytewise), without hidden files.
/// With `listed` naming the same directory, its entries are taken instead of
/// listing the directory again (once: `listed` is left empty).
bool list_dir(const std::string& dir, std::vector<DirEntry>& out, InputError& error,
              DirListing* listed = nullptr);

/// Makes source->text()[begin, end) the SQL body of `rev`, to be parsed with
/// the other revisions' (BodyParse); locations stay those of the file.
void defer_sql_body(std::shared_ptr<const SourceFile> source, uint32_t begin, uint32_t end,
                    Revision& rev);

/// The same, parsed at once (for a reader that needs the statements itself).
bool parse_sql_body(std::shared_ptr<const SourceFile> source, uint32_t begin, uint32_t end,
                    Revision& rev, InputError& error);

/// Defers a SQL body that is the whole file at `path`, the reading of the file
/// included: it is read where it is parsed (parse_bodies.h), and a file that
/// cannot be read is reported as a body that does not parse would be.
void defer_sql_file(const std::string& path, Revision& rev);

/// Compares names with runs of digits compared as numbers ("2_a" < "10_a").
int natural_compare(std::string_view a, std::string_view b);

/// The digits of `s` only ("2017-08-31-1234" -> "201708311234").
std::string digits_of(std::string_view s);

/// A comment directive at the start of a line: `--`, optional blanks, then
/// `word` (e.g. "migrate:up"). Scans line by line (no regex over whole files).
struct LineDirective {
  uint32_t line_begin = 0;
  uint32_t next_line = 0;  ///< offset just after the directive's line
  std::string rest;        ///< what follows `word` on its line
};
bool find_line_directive(std::string_view text, std::string_view word, LineDirective& out);

/// True when a line of `text` starts with `prefix`.
bool has_line_starting_with(std::string_view text, std::string_view prefix);

/// Makes each revision the down revision of the next (histories that are a list).
void chain_linearly(std::vector<Revision>& revisions);

}  // namespace migsim::revisions
