#pragma once

#include "planner/run/run_model.h"

namespace migsim {

/// Sets run.verdict and run.reason from its statements' outcomes: fails if
/// any statement fails; unknown if any cannot be modelled; redundant when
/// every statement of the body is a no-op (the version bump aside); else applies.
void decide_verdict(RevisionRun& run);

}  // namespace migsim
