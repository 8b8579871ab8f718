// migsim: an offline planner and simulator for PostgreSQL schema migrations.

#include "parser/heap_prefault.h"
#include "parser/huge_pages.h"
#include "planner/cli/commands.h"

int main(int argc, char** argv) {
  migsim::use_huge_pages_for_heap();
  // The heap's next pages, faulted in on a thread of their own as it grows.
  migsim::HeapPrefault prefault;
  return migsim::run_cli(argc, argv);
}
