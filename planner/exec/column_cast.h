#pragma once
// Which column types convert to which without a USING clause (pg_cast
// assignment casts and I/O conversion to string types), for ALTER COLUMN TYPE.

#include <string>
#include <string_view>

#include "planner/catalog/catalog.h"

namespace migsim {

enum class CastRule { kAssignment, kNone, kUnknown };

/// Whether a value of type `from` converts to `to` in assignment context
/// (both in Column::type form). kUnknown for types this table does not cover.
CastRule assignment_cast(std::string_view from, std::string_view to);

/// True when both types are integers, or both strings: keys, defaults and
/// constraints on the column keep working unchanged.
bool same_comparison_family(std::string_view a, std::string_view b);

/// Whether `from::to` is a cast PostgreSQL has at all (explicit context):
/// kAssignment when it has, kNone when it has not (42846), kUnknown otherwise.
CastRule explicit_cast(std::string_view from, std::string_view to);

/// Whether PostgreSQL's input function for `type` refuses the string `text`
/// outright (a syntax error, not a range error): true with its SQLSTATE and
/// message set. False when the text is accepted or this check cannot tell.
bool literal_input_refused(std::string_view type, std::string_view text, std::string& sqlstate,
                           std::string& message);

/// Whether a foreign key column of type `fk` can reference a key column of type
/// `pk`: an equality operator of pk's btree operator family takes both, or fk
/// casts implicitly to pk (ATAddForeignKeyConstraint). kAssignment when it can,
/// kNone when PostgreSQL refuses it, kUnknown for types this table does not cover.
CastRule foreign_key_comparable(std::string_view fk, std::string_view pk);

/// True when the type has a default btree operator class (an index can be rebuilt on it).
bool has_btree_opclass(std::string_view type);

/// format_type_be(): the type without its modifier ("character varying").
std::string type_without_modifier(const Catalog& catalog, const Column& column);
/// format_type_with_typemod(): the type as a cast would name it ("character varying(10)").
std::string type_for_cast(const Catalog& catalog, const Column& column);

}  // namespace migsim
