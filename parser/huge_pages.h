#pragma once
// Transparent huge pages for malloc's memory. A replay builds its model a few
// bytes at a time and touches each new page once; backed by 2 MiB pages, a
// run of 2,000 revisions takes about 1,700 page faults instead of 22,000.
// Where the kernel gives huge pages only to memory that asks for them (the
// usual `madvise` setting), glibc's malloc never asks unless GLIBC_TUNABLES
// says so when the process starts; these ask instead, once a huge page has
// been found cheap to fault in here (fault_costs, below).

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace migsim {

/// The size of a transparent huge page on x86-64.
inline constexpr uintptr_t kHugePage = uintptr_t{2} << 20;

/// Grows the main heap once by 1 GiB of address space (pages are committed
/// only when touched), readies it for huge pages (keep_huge_pages marks it
/// MADV_HUGEPAGE), and keeps malloc from giving memory back. Does nothing when
/// the kernel's setting is not `madvise`, under a sanitizer (its allocator has
/// its own heap), or when the heap cannot grow.
void use_huge_pages_for_heap();

/// Whether use_huge_pages_for_heap() took effect.
bool heap_uses_huge_pages();

/// The CPU time this thread has used so far.
std::chrono::nanoseconds thread_time();

/// What faulting in 2 MiB costs here and now, in this thread's time: as one
/// huge page and as 512 small ones, each in a mapping of its own, unmapped
/// after (`huge` is max() where no mapping is to be had).
///
/// On a virtual machine whose host takes back the memory its guest leaves
/// free (free page reporting, which reports free blocks of 2 MiB and up), a
/// huge page is often one the host has to back again, a 4 KiB page at a time.
/// The guest hands out small pages from the memory it used last, which its
/// host still backs. Huge pages pay where one process follows another at once
/// (the first one's pages are still backed); a run after a pause finds most
/// of them taken back, and a few still there.
///
/// Here, on such a machine: a huge page 0.2-0.4 ms where the host still backs
/// it and 4-6 ms where not, 512 small pages about 0.8 ms. Elsewhere small
/// pages have cost 11 µs a fault (5.6 ms for 2 MiB), where even a huge page
/// the host had to back again (3.5 ms) was the cheaper.
struct FaultCosts {
  std::chrono::nanoseconds huge{std::chrono::nanoseconds::max()};
  std::chrono::nanoseconds small{0};
};
FaultCosts fault_costs();

/// The time past which a huge page is not worth faulting in, given what the
/// same memory costs in small pages: twice that, for the noise in one sample
/// and the fewer misses of the processor's address cache that a huge page
/// saves later.
inline std::chrono::nanoseconds slow_huge_page(const FaultCosts& costs) {
  return 2 * costs.small;
}

/// Has the heaps take huge pages from here on: the main heap's part readied
/// by use_huge_pages_for_heap(), every thread heap seen so far and every later
/// one. Once, unless give_up_huge_pages() came first; does nothing unless
/// use_huge_pages_for_heap() took effect.
void keep_huge_pages();

/// Stops asking huge pages for memory: where keep_huge_pages() asked, the main
/// heap from `main_heap_from` up and every thread heap take small pages from
/// here on where they are not touched yet, and later thread heaps are not
/// asked for. For when a huge page has been found slow to fault in.
void give_up_huge_pages(uintptr_t main_heap_from);

/// Whether keep_huge_pages() took effect and give_up_huge_pages() has not.
bool huge_pages_kept();

/// Whether `block` lies in the main heap (the one sbrk grows).
bool in_main_heap(const void* block);

/// For a thread that allocates much (parsing bodies, reading a snapshot's
/// rows): readies its malloc arena's heap for huge pages, asked for now if
/// keep_huge_pages() has been called, else when it is. Does nothing unless
/// use_huge_pages_for_heap() took effect.
void use_huge_pages_for_thread();

/// For a thread that called use_huge_pages_for_thread: once its arena outgrows a
/// heap, glibc maps the next one (64 MiB at a time), which nobody has asked
/// huge pages for. Given a block the thread has just allocated, asks for the
/// heap it lies in, the first time that heap is seen. Costs a comparison when
/// the heap is the one seen last; does nothing on other threads.
void follow_thread_heap(const void* block);

}  // namespace migsim
