#pragma once

namespace migsim {

/// Parses the command line and runs one command. Returns the exit code:
/// 0 clean, 1 findings at or above --fail-on, 2 bad usage or bad input.
int run_cli(int argc, char** argv);

}  // namespace migsim
