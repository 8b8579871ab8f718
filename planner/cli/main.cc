// migsim: an offline planner and simulator for PostgreSQL schema migrations.

#include "parser/huge_pages.h"
#include "planner/cli/commands.h"

int main(int argc, char** argv) {
  migsim::use_huge_pages_for_heap();
  return migsim::run_cli(argc, argv);
}
