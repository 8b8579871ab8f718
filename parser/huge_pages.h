#pragma once
// Transparent huge pages for malloc's memory. A replay builds its model a few
// bytes at a time and touches each new page once; backed by 2 MiB pages, a
// run of 2,000 revisions takes about 1,700 page faults instead of 22,000.
// Where the kernel gives huge pages only to memory that asks for them (the
// usual `madvise` setting), glibc's malloc never asks unless GLIBC_TUNABLES
// says so when the process starts; these ask instead, once a huge page has
// been found cheap to fault in here (huge_pages_cheap, below).

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace migsim {

/// The size of a transparent huge page on x86-64.
inline constexpr uintptr_t kHugePage = uintptr_t{2} << 20;

/// A huge page that takes longer than this to fault in is one the host of a
/// virtual machine backs again (below): 0.2-0.4 ms where it still backs it,
/// 4-6 ms where not, and about 0.8 ms for the same memory in small pages.
inline constexpr std::chrono::nanoseconds kSlowHugePage = std::chrono::milliseconds(2);

/// Grows the main heap once by 1 GiB of address space (pages are committed
/// only when touched), readies it for huge pages (keep_huge_pages marks it
/// MADV_HUGEPAGE), and keeps malloc from giving memory back. Does nothing when
/// the kernel's setting is not `madvise`, under a sanitizer (its allocator has
/// its own heap), or when the heap cannot grow.
void use_huge_pages_for_heap();

/// Whether use_huge_pages_for_heap() took effect.
bool heap_uses_huge_pages();

/// Whether a huge page, faulted in here and now (in a mapping of its own,
/// unmapped after), took at most `slow` of this thread's time.
///
/// On a virtual machine whose host takes back the memory its guest leaves
/// free (free page reporting, which reports free blocks of 2 MiB and up), a
/// huge page is often one the host has to back again, a 4 KiB page at a time.
/// The guest hands out small pages from the memory it used last, which its
/// host still backs. Huge pages pay where one process follows another at once
/// (the first one's pages are still backed); a run after a pause finds most
/// of them taken back, and a few still there.
bool huge_pages_cheap(std::chrono::nanoseconds slow = kSlowHugePage);

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
