#pragma once
// Parsing the SQL bodies the revision readers defer: several revisions at
// once, one per core, each on its own (the parser keeps nothing between two).

#include <vector>

#include "parser/revisions/revision.h"

namespace migsim {

/// Parses `rev`'s pending SQL body into its script.
bool parse_revision_body(Revision& rev, InputError& error);

/// Parses every pending body of `revisions`; on failure, `error` is the first
/// failing revision's in their order, as parsing them one by one would find.
bool parse_revision_bodies(std::vector<Revision>& revisions, InputError& error);

}  // namespace migsim
