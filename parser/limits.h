#pragma once
// Limits that keep a hostile input from exhausting the machine. Each one, when
// reached, is an InputError that names the file and the flag that raises it.

#include <cstddef>
#include <cstdint>
#include <string>

namespace migsim {

struct InputLimits {
  /// Largest file read as text (SQL, Python, TOML, JSON): --max-file-size.
  uint64_t max_file_size = uint64_t{64} << 20;
  /// Most statements parsed from one file: --max-statements.
  size_t max_statements = 1'000'000;
  /// Deepest Python expression or statement nesting (`not not ...`, `a.b.c...`,
  /// `1 + 1 + ...`, nested blocks): --max-nesting. The parser, the interpreter
  /// and the tree's destructor all recurse once per level (see stack_size_for).
  size_t max_nesting = 200;
  /// Deepest SQL statement read, in levels of libpg_query's parse tree (its
  /// JSON form): --max-sql-nesting. The tree reader and the engine recurse once
  /// per level; commands run on a stack sized for this (stack_size_for).
  size_t max_sql_nesting = 1000;
  /// Largest SQLite snapshot file loaded: --max-snapshot-size. SQLite reads
  /// pages lazily, but the catalog built from them is held in memory.
  uint64_t max_snapshot_size = uint64_t{512} << 20;
};

/// The limits in force for this process (commands set them from their flags).
InputLimits& input_limits();

/// Operators (outside literals and comments) one SQL statement may hold: ten
/// per level of --max-sql-nesting. Left-associative chains such as
/// `1 + 1 + ...` nest one level per operator, and libpg_query turns its tree
/// into JSON recursively before the depth can be read; this keeps it in the
/// stack sized by stack_size_for().
size_t max_statement_operators(const InputLimits& limits);

/// The stack a command needs to read and replay inputs within `limits`.
size_t stack_size_for(const InputLimits& limits);

/// Brackets nested in a Python expression: CPython's own limit (MAXLEVEL).
inline constexpr size_t kMaxPythonNesting = 200;

/// Indentation levels in a Python file: CPython's own limit (MAXINDENT).
inline constexpr size_t kMaxPythonIndent = 100;

/// "64 MiB", "1.5 GiB", "100 bytes".
std::string format_size(uint64_t bytes);

}  // namespace migsim
