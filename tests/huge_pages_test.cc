// The main heap is backed by transparent huge pages where the kernel gives
// them to memory that asks (planner/cli/huge_pages.h).

#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "parser/heap_prefault.h"
#include "parser/huge_pages.h"

namespace migsim::testing {
namespace {

/// How many threads this process has.
size_t thread_count() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("Threads:", 0) == 0) return std::stoul(line.substr(8));
  return 0;
}

std::string thp_setting() {
  std::ifstream f("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string line;
  std::getline(f, line);
  return line;
}

struct Mapping {
  uintptr_t from = 0, to = 0;
  std::string flags;  ///< its VmFlags line
};

/// The mapping that holds `address`, from /proc/self/smaps.
Mapping mapping_at(uintptr_t address) {
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  Mapping m;
  bool inside = false;
  while (std::getline(smaps, line)) {
    uintptr_t from = 0, to = 0;
    char dash = 0;
    std::istringstream range(line);
    if (range >> std::hex >> from >> dash >> to && dash == '-') {
      inside = from <= address && address < to;
      if (inside) m = {from, to, ""};
    } else if (inside && line.rfind("VmFlags:", 0) == 0) {
      m.flags = line;
      return m;
    }
  }
  return {};
}

std::string vm_flags_at(uintptr_t address) {
  return mapping_at(address).flags;
}

bool huge_pages_expected() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return false;
#else
  return thp_setting().find("[madvise]") != std::string::npos;
#endif
}

TEST_CASE("huge pages: the heaps grown after start ask for huge pages") {
  use_huge_pages_for_heap();
  keep_huge_pages();  // as a run does once it has found a huge page cheap
  // Small blocks come from the main heap, past what was in use before.
  void* blocks[64];
  for (void*& b : blocks) b = std::malloc(64 << 10);
  std::string flags = vm_flags_at(reinterpret_cast<uintptr_t>(blocks[63]));
  for (void* b : blocks) std::free(b);
  INFO("transparent_hugepage/enabled: " << thp_setting() << "; " << flags);
  bool asked = flags.find(" hg") != std::string::npos;
  bool expected = huge_pages_expected();
  CHECK(asked == expected);  // nothing asked where it would not help
  // Another thread's arena, once the thread asks, is asked for too, from the
  // first block it hands out after that (the rest of the 2 MiB where the
  // arena's header is is skipped), to 12 MiB further.
  std::string first_flags, thread_flags, beyond_flags;
  uintptr_t first_at = 0;
  std::thread([&] {
    use_huge_pages_for_thread();
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

TEST_CASE("huge pages: a thread's arena asks for them in every heap it grows into") {
  use_huge_pages_for_heap();
  keep_huge_pages();
  // glibc gives a thread's arena one 64 MiB heap at a time; 96 MiB in blocks
  // of 64 KiB take a second one, which its thread follows into.
  constexpr size_t kBlocks = 1536;
  constexpr uintptr_t kHeap = uintptr_t{64} << 20;
  Mapping first_heap, later_heap;
  uintptr_t later_at = 0;
  std::thread([&] {
    use_huge_pages_for_thread();
    std::vector<void*> blocks(kBlocks);
    for (void*& b : blocks) {
      b = std::malloc(64 << 10);
      follow_thread_heap(b);
    }
    auto at = [&](size_t i) { return reinterpret_cast<uintptr_t>(blocks[i]); };
    first_heap = mapping_at(at(0));
    for (size_t i = kBlocks; i-- > 0 && !later_at;)
      if ((at(i) & ~(kHeap - 1)) != (at(0) & ~(kHeap - 1))) later_at = at(i);
    if (later_at) later_heap = mapping_at(later_at);
    for (void* b : blocks) std::free(b);
  }).join();
  INFO("first heap: " << first_heap.flags << "; later heap: " << later_heap.flags);
  REQUIRE(later_at != 0);  // the blocks outgrew one heap
  bool expected = huge_pages_expected();
  CHECK((first_heap.flags.find(" hg") != std::string::npos) == expected);
  CHECK((later_heap.flags.find(" hg") != std::string::npos) == expected);
  // A huge page needs its whole 2 MiB inside one mapping that may be written:
  // the later heap was made writable whole, not a few pages at a time.
  if (expected) {
    CHECK(later_heap.from <= (later_at & ~(kHugePage - 1)));
    CHECK(later_heap.to >= (later_at & ~(kHugePage - 1)) + kHugePage);
    CHECK(later_heap.to - later_heap.from >= kHeap / 2);
  }
}

/// A block of 24 MiB from the main heap, in huge pages where they are to be
/// had (blocks up to 32 MiB come from it), its whole huge pages dropped, so
/// that none is there until something faults it in. Freed when it goes.
struct DroppedBlock {
  static constexpr size_t kSize = size_t{24} << 20;
  bool heap_set = (use_huge_pages_for_heap(), keep_huge_pages(), true);
  char* block = static_cast<char*>(std::malloc(kSize));
  uintptr_t at = reinterpret_cast<uintptr_t>(block);
  uintptr_t first = (at + kHugePage - 1) & ~(kHugePage - 1);  ///< the page above the block's first
  uintptr_t last = (at + kSize) & ~(kHugePage - 1);           ///< the page its end is in
  bool dropped = block && madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED) == 0;
  DroppedBlock() = default;
  DroppedBlock(const DroppedBlock&) = delete;
  DroppedBlock& operator=(const DroppedBlock&) = delete;
  ~DroppedBlock() { std::free(block); }
};

/// For HeapPrefault: no huge page is found slow, whatever the machine's state.
constexpr std::chrono::nanoseconds kNeverSlow = std::chrono::seconds(60);

bool resident(uintptr_t page) {
  unsigned char v = 0;
  return mincore(reinterpret_cast<void*>(page), 4096, &v) == 0 && (v & 1) != 0;
}

TEST_CASE("huge pages: the main heap's next pages are faulted in before the heap reaches them") {
  DroppedBlock b;
  REQUIRE(b.dropped);
  char* block = b.block;
  uintptr_t at = b.at, first = b.first;
  uintptr_t next = first;  // the huge page above the one the block starts in
  uintptr_t far = first + 8 * kHugePage;
  bool before = resident(next);
  bool early = false;
  {
    // By default a heap that has not grown by 64 MiB since the first block
    // noted is left alone.
    size_t threads = thread_count();
    HeapPrefault prefault(HeapPrefault::kQuietGrowth, kNeverSlow);
    HeapPrefault::note_use(block);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    early = resident(next);
    CHECK(thread_count() == threads);  // nor is its thread started
  }
  bool faulted = false;
  {
    size_t threads = thread_count();
    HeapPrefault prefault(0, kNeverSlow);  // from the first block on
    CHECK(thread_count() == threads);      // started by the first block noted, not before
    HeapPrefault::note_use(block);
    if (huge_pages_expected()) CHECK(thread_count() == threads + 1);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!faulted && std::chrono::steady_clock::now() < deadline) {
      faulted = resident(next);
      if (!faulted) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }  // the thread is stopped here: nothing more is faulted in
  bool far_faulted = resident(far);
  bool expected = huge_pages_expected();
  INFO("block at " << std::hex << at << ", next page " << next << ", far page " << far);
  CHECK_FALSE(before);
  CHECK_FALSE(early);
  CHECK(faulted == expected);  // ahead of the block where the heap is in huge pages, else never
  CHECK_FALSE(far_faulted);    // a few pages ahead, not the whole heap
}

TEST_CASE(
    "huge pages: a history about to be replayed has its first pages faulted in, then those ahead "
    "of it") {
  DroppedBlock b;
  REQUIRE(b.dropped);
  char* block = b.block;
  uintptr_t at = b.at, first = b.first;
  constexpr size_t kSize = DroppedBlock::kSize;
  auto resident_within = [&](uintptr_t page) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!resident(page) && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return resident(page);
  };
  bool expected = huge_pages_expected();
  size_t threads = thread_count();
  bool second = false, third = false, again = false, ahead = false, far_ahead = false;
  bool fit_started = true;
  {
    HeapPrefault prefault(HeapPrefault::kQuietGrowth, kNeverSlow);
    // Bytes that fit in the page in use start nothing.
    HeapPrefault::fault_next_from(reinterpret_cast<char*>(first + 64), 64);
    fit_started = thread_count() != threads;
    // The next 3 MiB above the block's first byte: the page above it holds
    // them (the block starts in the page below `first`).
    HeapPrefault::fault_next_from(block, size_t{3} << 20);
    if (expected) CHECK(thread_count() == threads + 1);
    second = resident_within(first);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    third = resident(first + 2 * kHugePage);
    // Once only: a second call faults nothing more.
    HeapPrefault::fault_next_from(reinterpret_cast<char*>(first + 4 * kHugePage + 64), kHugePage);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    again = resident(first + 5 * kHugePage);
    // From here on the thread keeps the pages above the newest block noted
    // faulted in, a few of them (8 MiB), though the heap has not grown by 64 MiB.
    auto newest = reinterpret_cast<uintptr_t>(block + kSize / 2);
    HeapPrefault::note_use(block + kSize / 2);
    ahead = resident_within((newest + kHugePage) & ~(kHugePage - 1));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    far_ahead = resident(((newest + kHugePage) & ~(kHugePage - 1)) + 4 * kHugePage);
  }  // the thread is stopped and joined here
  INFO("block at " << std::hex << at << ", first whole page " << first);
  CHECK_FALSE(fit_started);
  CHECK(second == expected);
  CHECK_FALSE(third);
  CHECK_FALSE(again);
  CHECK(ahead == expected);
  CHECK_FALSE(far_ahead);
  CHECK(thread_count() == threads);
}

/// Set in the environment of a test case run by run_alone().
constexpr const char* kAlone = "MIGSIM_TEST_ALONE";

/// Whether this process was started by run_alone(); a hidden test case that
/// needs a process of its own says so and does nothing otherwise.
bool alone() {
  if (std::getenv(kAlone)) return true;
  WARN("run by the test case that starts it in a process of its own, not here");
  return false;
}

/// Runs the hidden test case `name` in a process of its own (giving huge
/// pages up is for good, and a process that has kept them cannot show what
/// comes before); its exit status, 0 where all its checks passed.
int run_alone(const char* name) {
  std::string self = "/proc/self/exe";
  std::vector<char*> argv{self.data(), const_cast<char*>(name), nullptr};
  std::vector<std::string> env_text{std::string(kAlone) + "=1"};
  for (char** e = environ; *e; ++e) env_text.emplace_back(*e);
  std::vector<char*> env;
  for (std::string& e : env_text) env.push_back(e.data());
  env.push_back(nullptr);
  pid_t child = 0;
  if (posix_spawn(&child, self.c_str(), nullptr, nullptr, argv.data(), env.data()) != 0) return -1;
  int status = 0;
  if (waitpid(child, &status, 0) != child || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

TEST_CASE("huge pages: given up where a huge page is slow to fault in", "[.][alone]") {
  if (!alone()) return;
  use_huge_pages_for_heap();
  bool expected = huge_pages_expected();
  // Before a huge page has been found cheap, nothing is asked for.
  std::vector<void*> blocks(64);
  for (void*& b : blocks) b = std::malloc(64 << 10);
  auto last = reinterpret_cast<uintptr_t>(blocks.back());
  CHECK(vm_flags_at(last).find(" hg") == std::string::npos);
  // Both kinds of page take time to fault in.
  FaultCosts costs = fault_costs();
  CHECK(costs.small > std::chrono::nanoseconds(0));
  CHECK(costs.huge > std::chrono::nanoseconds(0));
  CHECK(costs.huge < std::chrono::seconds(10));
  // A thread that finds its huge page slow gives them up and ends.
  size_t threads = thread_count();
  {
    HeapPrefault prefault(0, std::chrono::nanoseconds(0));
    HeapPrefault::note_use(blocks.back());
    CHECK(thread_count() == threads + (expected ? 1 : 0));
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (thread_count() != threads && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    CHECK(thread_count() == threads);
  }
  CHECK_FALSE(huge_pages_kept());
  // For good: keeping them later asks nothing, on the main heap or a thread's.
  keep_huge_pages();
  CHECK_FALSE(huge_pages_kept());
  CHECK(vm_flags_at(last).find(" hg") == std::string::npos);
  std::string thread_flags;
  std::thread([&] {
    use_huge_pages_for_thread();
    void* more = std::malloc(64 << 10);
    thread_flags = vm_flags_at(reinterpret_cast<uintptr_t>(more));
    std::free(more);
  }).join();
  CHECK(thread_flags.find(" hg") == std::string::npos);
  for (void* b : blocks) std::free(b);
}

TEST_CASE("huge pages: none asked for before one is found cheap and none after one is slow") {
  CHECK(run_alone("huge pages: given up where a huge page is slow to fault in") == 0);
}

TEST_CASE("huge pages: given up once kept", "[.][alone]") {
  if (!alone()) return;
  DroppedBlock b;  // kept, as a run does once it has found a huge page cheap
  REQUIRE(b.dropped);
  bool expected = huge_pages_expected();
  std::string thread_flags;
  std::thread([&] {  // a thread heap asked for before
    use_huge_pages_for_thread();
    void* first = std::malloc(64 << 10);
    give_up_huge_pages(b.first + 2 * kHugePage);
    void* more = std::malloc(8 << 20);
    thread_flags = vm_flags_at(reinterpret_cast<uintptr_t>(more) + (4 << 20));
    std::free(more);
    std::free(first);
  })
      .join();
  // From the third page of the block up the main heap takes small pages, and
  // so does the thread's heap; below that the main heap is as it was asked.
  CHECK((vm_flags_at(b.first).find(" hg") != std::string::npos) == expected);
  CHECK(vm_flags_at(b.first + 2 * kHugePage).find(" hg") == std::string::npos);
  if (expected) CHECK(vm_flags_at(b.first + 2 * kHugePage).find(" nh") != std::string::npos);
  CHECK(thread_flags.find(" hg") == std::string::npos);
  CHECK_FALSE(huge_pages_kept());
}

TEST_CASE("huge pages: a slow page once kept gives them up where not yet touched") {
  CHECK(run_alone("huge pages: given up once kept") == 0);
}

}  // namespace
}  // namespace migsim::testing
