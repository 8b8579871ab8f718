#pragma once
// Inline silencing of findings: a comment on the finding's line or the line
// before it, `-- migsim:ignore RULE` in SQL or `# migsim: ignore RULE` in
// Python (several rules separated by commas or spaces; `all` silences every rule).

#include <string>
#include <vector>

#include "planner/run/run_model.h"

namespace migsim {

/// Removes silenced findings from `findings` and returns them, each with its comment.
std::vector<SilencedFinding> apply_suppressions(std::vector<Finding>& findings);

/// True when `line_text` carries a migsim ignore comment naming `rule`.
bool line_silences(std::string_view line_text, std::string_view rule);

}  // namespace migsim
