// The main heap is backed by transparent huge pages where the kernel gives
// them to memory that asks (planner/cli/huge_pages.h).

#include <algorithm>
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "parser/huge_pages.h"

namespace migsim::testing {
namespace {

std::string thp_setting() {
  std::ifstream f("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string line;
  std::getline(f, line);
  return line;
}

/// The VmFlags of the mapping that holds `address`, from /proc/self/smaps.
std::string vm_flags_at(uintptr_t address) {
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    uintptr_t from = 0, to = 0;
    char dash = 0;
    std::istringstream range(line);
    if (range >> std::hex >> from >> dash >> to && dash == '-') {
      inside = from <= address && address < to;
    } else if (inside && line.rfind("VmFlags:", 0) == 0) {
      return line;
    }
  }
  return "";
}

TEST_CASE("huge pages: the heaps grown after start ask for huge pages") {
  bool sanitized = false;
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  sanitized = true;
#endif
  use_huge_pages_for_heap();
  // Small blocks come from the main heap, past what was in use before.
  void* blocks[64];
  for (void*& b : blocks) b = std::malloc(64 << 10);
  std::string flags = vm_flags_at(reinterpret_cast<uintptr_t>(blocks[63]));
  for (void* b : blocks) std::free(b);
  INFO("transparent_hugepage/enabled: " << thp_setting() << "; " << flags);
  bool asked = flags.find(" hg") != std::string::npos;
  bool expected = thp_setting().find("[madvise]") != std::string::npos && !sanitized;
  CHECK(asked == expected);  // nothing asked where it would not help
  // Another thread's arena, once reserved, is asked for too, from the first
  // block it hands out after the reservation (the rest of the 2 MiB where
  // the arena's header is is skipped), to past what was reserved.
  std::string first_flags, thread_flags, beyond_flags;
  uintptr_t first_at = 0;
  std::thread([&] {
    reserve_thread_heap(size_t{8} << 20);
    void* more[192];
    for (void*& b : more) b = std::malloc(64 << 10);
    first_at = reinterpret_cast<uintptr_t>(more[0]);
    first_flags = vm_flags_at(first_at);
    thread_flags = vm_flags_at(reinterpret_cast<uintptr_t>(more[63]));
    beyond_flags = vm_flags_at(reinterpret_cast<uintptr_t>(more[191]));  // 12 MiB in
    for (void* b : more) std::free(b);
  }).join();
  INFO("thread: " << first_flags << " / " << thread_flags << " / " << beyond_flags);
  CHECK((first_flags.find(" hg") != std::string::npos) == expected);
  CHECK((thread_flags.find(" hg") != std::string::npos) == expected);
  CHECK((beyond_flags.find(" hg") != std::string::npos) == expected);
  // The first block starts at a 2 MiB boundary (its header a few bytes below).
  uintptr_t past = first_at % (uintptr_t{2} << 20);
  if (expected) CHECK(std::min(past, (uintptr_t{2} << 20) - past) < 4096);
}

}  // namespace
}  // namespace migsim::testing
