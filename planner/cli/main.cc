// migsim: an offline planner and simulator for PostgreSQL schema migrations.

#include "planner/cli/commands.h"

int main(int argc, char** argv) {
  return migsim::run_cli(argc, argv);
}
