// Source format names, detection from a path, and the dispatch to the readers.

#include <algorithm>
#include <array>
#include <filesystem>
#include <utility>

#include "parser/heap_prefault.h"
#include "parser/revisions/file_names.h"
#include "parser/revisions/parse_bodies.h"
#include "parser/revisions/readers.h"

namespace migsim {

namespace {

namespace fs = std::filesystem;

constexpr std::array<std::pair<SourceFormat, std::string_view>, 7> kNames = {{
    {SourceFormat::kAlembic, "alembic"},
    {SourceFormat::kAlembicOfflineSql, "alembic-sql"},
    {SourceFormat::kFlyway, "flyway"},
    {SourceFormat::kGolangMigrate, "golang-migrate"},
    {SourceFormat::kDbmate, "dbmate"},
    {SourceFormat::kDiesel, "diesel"},
    {SourceFormat::kSqlFiles, "sql"},
}};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::string_view source_format_name(SourceFormat format) {
  for (const auto& [f, name] : kNames)
    if (f == format) return name;
  return "?";
}

std::optional<SourceFormat> parse_source_format(std::string_view name) {
  for (const auto& [f, n] : kNames)
    if (n == name) return f;
  return std::nullopt;
}

std::string source_format_names() {
  std::string out;
  for (const auto& [f, name] : kNames) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

std::optional<SourceFormat> detect_source_format(const std::string& path, InputError& error,
                                                 std::shared_ptr<DirListing>* listing) {
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    error = {path, 0, 0, "no such file or directory"};
    return std::nullopt;
  }
  if (!fs::is_directory(status)) {
    if (ends_with(path, ".py")) {
      error = {path, 0, 0,
               "an Alembic history is a directory: give its versions/ directory, not one script"};
      return std::nullopt;
    }
    auto source = read_source_file(path, error);
    if (!source) return std::nullopt;
    if (revisions::has_line_starting_with(source->text(), "-- Running upgrade ") ||
        revisions::has_line_starting_with(source->text(), "-- Running downgrade "))
      return SourceFormat::kAlembicOfflineSql;
    return SourceFormat::kSqlFiles;
  }
  if (fs::is_directory(fs::path(path) / "versions") && fs::exists(fs::path(path) / "env.py"))
    return SourceFormat::kAlembic;
  std::vector<revisions::DirEntry> entries;
  if (!revisions::list_dir(path, entries, error)) return std::nullopt;
  int py = 0, diesel = 0, fly = 0, go = 0, sql = 0, dbmate = 0;
  // dbmate is told by contents: every one of its files has a `-- migrate:up`
  // line, so the first few .sql files (by name) are enough to read.
  constexpr int kFilesRead = 3;
  for (const auto& e : entries) {
    if (e.is_dir) {
      if (fs::exists(fs::path(e.path) / "up.sql")) ++diesel;
      continue;
    }
    if (ends_with(e.name, ".py") && e.name.rfind("__init__", 0) != 0) ++py;
    if (!ends_with(e.name, ".sql")) continue;
    ++sql;
    if (auto f = revisions::parse_flyway_name(e.name);
        f && f->kind != revisions::FlywayName::Kind::kUndo)
      ++fly;
    if (revisions::parse_golang_migrate_name(e.name)) ++go;
    if (sql > kFilesRead) continue;
    InputError ignored;
    revisions::LineDirective directive;
    if (auto source = read_source_file(e.path, ignored);
        source && revisions::find_line_directive(source->text(), "migrate:up", directive))
      ++dbmate;
  }
  std::optional<SourceFormat> format;
  if (py > 0)
    format = SourceFormat::kAlembic;
  else if (diesel > 0 && sql == 0)
    format = SourceFormat::kDiesel;
  else if (fly > 0)
    format = SourceFormat::kFlyway;
  else if (go > 0)
    format = SourceFormat::kGolangMigrate;
  else if (dbmate > 0)
    format = SourceFormat::kDbmate;
  else if (sql > 0)
    format = SourceFormat::kSqlFiles;
  if (!format) {
    error = {path, 0, 0,
             "cannot tell the migration source format of this directory (no *.py, *.sql or "
             "<version>_<name>/up.sql); pass --source-format (" +
                 source_format_names() + ")"};
    return std::nullopt;
  }
  // The format's reader lists this same directory: it takes these entries.
  if (listing) *listing = std::make_shared<DirListing>(DirListing{path, std::move(entries)});
  return format;
}

bool read_revisions(const std::string& path, SourceFormat format, const ReadOptions& options,
                    std::vector<Revision>& out, InputError& error) {
  out.clear();
  bool need_dir = format != SourceFormat::kAlembicOfflineSql && format != SourceFormat::kSqlFiles;
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    error = {path, 0, 0, "no such file or directory"};
    return false;
  }
  if (need_dir && !fs::is_directory(path, ec)) {
    error = {path, 0, 0,
             std::string("a ") + std::string(source_format_name(format)) +
                 " history is a directory, not a file"};
    return false;
  }
  if (format == SourceFormat::kAlembicOfflineSql && fs::is_directory(path, ec)) {
    error = {path, 0, 0, "Alembic offline SQL is one file (alembic upgrade A:B --sql > FILE)"};
    return false;
  }
  bool read = false;
  switch (format) {
    case SourceFormat::kAlembic:
      read = revisions::read_alembic_scripts(path, out, error, options.listing.get());
      break;
    case SourceFormat::kAlembicOfflineSql:
      read = revisions::read_alembic_offline(path, options, out, error);
      break;
    case SourceFormat::kFlyway:
      read = revisions::read_flyway(path, out, error, options.listing.get());
      break;
    case SourceFormat::kGolangMigrate:
      read = revisions::read_golang_migrate(path, out, error, options.listing.get());
      break;
    case SourceFormat::kDbmate:
      read = revisions::read_dbmate(path, out, error, options.listing.get());
      break;
    case SourceFormat::kDiesel:
      read = revisions::read_diesel(path, out, error, options.listing.get());
      break;
    case SourceFormat::kSqlFiles:
      read = revisions::read_sql_files(path, out, error, options.listing.get());
      break;
  }
  if (read && options.parse_in_background) {
    // A replay grows the main heap by about 16 KiB a revision (26.6 MiB for
    // the benchmark's 2,000). The first of those pages are faulted in now, on
    // the second core, while it has little else to do (the parsing thread
    // only starts here), once that thread has found huge pages cheap here;
    // from there on it keeps a few pages ahead of the replay. A short history
    // keeps small pages: finding out costs a huge page's fault, up to 6 ms
    // where the host has to back it again, and huge pages save about 0.5 ms
    // per 2 MiB where they are cheap (200 revisions: 16.7 ms after a pause
    // against 13.9 in small pages, 10.9 against 11.6 run after run).
    constexpr size_t kHeapPerRevision = size_t{16} << 10;
    constexpr size_t kFirstPages = size_t{4} << 20;
    constexpr size_t kWorthFindingOut = size_t{16} << 20;
    size_t heap = out.size() * kHeapPerRevision;
    if (heap >= kWorthFindingOut) HeapPrefault::fault_next(std::min(kFirstPages, heap));
  }
  BodyParse::start(out, options.parse_in_background && read);
  // A body that does not parse comes before any later file's problem, as
  // when each file was parsed as it was read.
  InputError parse_error;
  if ((!read || !options.parse_in_background) && !finish_revision_bodies(out, parse_error)) {
    error = parse_error;
    return false;
  }
  return read;
}

}  // namespace migsim
