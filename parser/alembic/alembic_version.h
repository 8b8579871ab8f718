#pragma once
// The Alembic release a project runs ([alembic] version in migsim.toml), for
// the operations whose SQL differs between releases. Not given: the current
// release's behaviour.

#include <optional>
#include <string>
#include <string_view>

namespace migsim {

struct AlembicVersion {
  int major = 0;
  int minor = 0;
  int patch = 0;
  bool given = false;  ///< false: behave as the current Alembic release

  /// "1.8", "1.8.1", "1.13.2"; nullopt when `text` is not such a version.
  static std::optional<AlembicVersion> parse(std::string_view text);

  bool at_least(int maj, int min, int pat) const;

  /// op.create_index(if_not_exists=True) and op.drop_index(if_exists=True)
  /// render IF NOT EXISTS / IF EXISTS from Alembic 1.11.2 on; earlier
  /// releases pass the keywords to SQLAlchemy, which warns and ignores them.
  bool renders_index_if_exists() const { return at_least(1, 11, 2); }
};

}  // namespace migsim
