#pragma once
// One revision of a migration history, as read from any of the supported
// sources (Alembic scripts or offline SQL, Flyway, golang-migrate, dbmate,
// Diesel, a directory of SQL files).

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "parser/source.h"
#include "parser/statement.h"

namespace migsim {

class BodyParse;

enum class SourceFormat {
  kAlembic,            ///< a versions/ directory of Python revision scripts
  kAlembicOfflineSql,  ///< `alembic upgrade A:B --sql` output
  kFlyway,             ///< V<version>__<desc>.sql and R__<desc>.sql
  kGolangMigrate,      ///< <version>_<name>.up.sql
  kDbmate,             ///< <version>_<name>.sql with -- migrate:up sections
  kDiesel,             ///< <version>_<name>/up.sql directories
  kSqlFiles,           ///< *.sql files in natural order (or one file)
};

/// The name used by --source-format and migsim.toml's source_format.
std::string_view source_format_name(SourceFormat format);
/// Parses a --source-format value; nullopt when unknown.
std::optional<SourceFormat> parse_source_format(std::string_view name);
/// Every accepted name, for messages: "alembic, alembic-sql, ...".
std::string source_format_names();

/// What a revision's body is, as far as migsim has read it.
enum class BodyKind {
  kSql,     ///< `script` holds its parsed statements
  kUnread,  ///< not read yet: the engine reports it `unknown` with `unread_reason`
};

struct Revision {
  std::string id;
  std::string message;
  std::vector<std::string> down_revisions;  ///< empty for a base revision
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on;
  std::string create_date;  ///< as written in the source, when it says
  std::string path;         ///< the file the revision comes from
  Location location;        ///< where the revision is declared (its `revision =` line)
  SourceFormat format = SourceFormat::kSqlFiles;
  /// False when the tool runs this revision outside a transaction (dbmate
  /// `transaction:false`, Diesel `run_in_transaction = false`).
  bool transactional = true;
  bool repeatable = false;  ///< a Flyway R__ migration (re-run when its checksum changes)

  BodyKind body = BodyKind::kSql;
  /// For SQL bodies: the statements, with locations in `path`. A body parsed
  /// on another thread (parse_bodies.h) is waited for here.
  const ParsedScript& script() const;
  /// Frees the parse trees of a body parsed in the background, once the last
  /// replay that reads them has run it (ParsedScript::release_trees); a body
  /// parsed on the reading thread keeps them.
  void release_script() const;
  ParsedScript parsed;  ///< the body when it was parsed on the reading thread
  /// The SQL body is read (source, body_begin, body_end) but not parsed yet:
  /// read_revisions hands all of them to one BodyParse (parse_bodies.h).
  bool parse_pending = false;
  /// Where the body is being parsed, and which of that parse's bodies it is.
  std::shared_ptr<BodyParse> background;
  size_t background_slot = 0;
  /// Indexes into script.statements of the version table's own statements
  /// (alembic_version INSERT/UPDATE/DELETE/CREATE TABLE): bookkeeping, not findings.
  std::set<size_t> bookkeeping;
  std::string unread_reason;  ///< for kUnread bodies
  /// The whole source file, kept for readers that come later (Alembic op.* calls).
  std::shared_ptr<const SourceFile> source;
  /// `source` when the file itself is read with the parse (a body that is the
  /// whole file): its text is empty until script() or finish_revision_bodies.
  std::shared_ptr<SourceFile> to_read;
  /// Offset range of the body in `source` (the upgrade() function, an up section).
  uint32_t body_begin = 0;
  uint32_t body_end = 0;

  bool is_bookkeeping(size_t statement_index) const {
    return bookkeeping.count(statement_index) > 0;
  }
};

/// The reason an Alembic script's body is `unknown` until op.* calls are read.
inline constexpr std::string_view kAlembicBodyUnread = "Alembic op.* bodies are not read yet";

namespace revisions {
struct DirEntry {
  std::string name;
  std::string path;
  bool is_dir = false;
};
}  // namespace revisions

/// A directory's entries (revisions::list_dir), kept to be read once more.
struct DirListing {
  std::string dir;
  std::vector<revisions::DirEntry> entries;
};

struct ReadOptions {
  /// The Alembic version table's name (env.py's version_table), for bookkeeping.
  std::string version_table = "alembic_version";
  /// Return while the SQL bodies are still being parsed on worker threads:
  /// the caller waits for them with finish_revision_bodies (parse_bodies.h).
  bool parse_in_background = false;
  /// The history's directory as detect_source_format listed it: its reader
  /// takes these entries instead of listing it a second time.
  std::shared_ptr<DirListing> listing;
};

/// Works out a source's format from its path: a file or directory name and,
/// where names do not tell, the first files' contents. On failure fills `error`.
/// With `listing`, a directory it lists is kept there (ReadOptions::listing).
std::optional<SourceFormat> detect_source_format(const std::string& path, InputError& error,
                                                 std::shared_ptr<DirListing>* listing = nullptr);

/// Reads every revision of the history at `path`, in the source's own order.
bool read_revisions(const std::string& path, SourceFormat format, const ReadOptions& options,
                    std::vector<Revision>& out, InputError& error);

}  // namespace migsim
