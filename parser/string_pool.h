#pragma once
// The strings of one parse tree, each written once: a tree repeats its keys
// ("location", "relname", ...) and many of its values, and every tape element
// of the same bytes can point at one copy, laid out as simdjson's string
// buffer wants them (a 4-byte length, the bytes, a NUL).

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace migsim {

class StringPool {
 public:
  /// An empty pool with room for about `expected` strings, its storage reused
  /// from the thread's last one: only the first trees of a thread allocate.
  /// One pool a thread at a time.
  explicit StringPool(size_t expected = 0);

  /// Offset in the pool of a string equal to `s`, added if new.
  uint64_t intern(std::string_view s) { return intern(s, first_bytes(s.data(), s.size())); }
  /// The same, where the eight bytes from s.data() may be read whatever its
  /// length (simdjson pads its string buffer): a shorter load.
  uint64_t intern_padded(std::string_view s) {
    return intern(s, padded_first_bytes(s.data(), s.size()));
  }

  const uint8_t* data() const { return bytes_.data(); }
  size_t size() const { return size_; }

 private:
  uint64_t intern(std::string_view s, uint64_t head) {
    size_t mask = slots_.size() - 1;
    for (size_t i = hash(s, head) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == 0) {
        slots_[i] = static_cast<uint32_t>(size_ + 1);
        size_t at = add(s);
        if (++count_ * 2 > slots_.size()) grow();
        return at;
      }
      size_t at = slots_[i] - 1;
      if (equal(at, s, head)) return at;
    }
  }

  /// The first bytes of `p` (up to eight, zeros after), little-endian as the tape.
  static uint64_t first_bytes(const void* p, size_t size) {
    uint64_t w = 0;
    if (size >= 8)
      std::memcpy(&w, p, 8);
    else if (size > 0)
      std::memcpy(&w, p, size);
    return w;
  }

  /// The same from one load, where eight bytes from `p` may be read.
  static uint64_t padded_first_bytes(const void* p, size_t size) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    return size >= 8 ? w : w & ((uint64_t{1} << (8 * size)) - 1);
  }

  /// Keys are short: their length and first and last eight bytes tell most apart.
  static uint64_t hash(std::string_view s, uint64_t head) {
    uint64_t tail = 0;
    if (s.size() > 8) std::memcpy(&tail, s.data() + s.size() - 8, 8);
    uint64_t h = (head ^ (tail * 0x9e3779b97f4a7c15) ^ s.size()) * 0xff51afd7ed558ccd;
    return h ^ (h >> 29);
  }

  /// Whether the string at `at` is `s`, whose first bytes are `head`.
  bool equal(size_t at, std::string_view s, uint64_t head) const {
    uint32_t length;
    std::memcpy(&length, bytes_.data() + at, sizeof length);
    if (length != s.size()) return false;
    const uint8_t* bytes = bytes_.data() + at + sizeof length;
    // Eight bytes past the pool's end are readable too (add).
    if (length <= 8) return padded_first_bytes(bytes, length) == head;
    return std::memcmp(bytes, s.data(), length) == 0;
  }

  size_t add(std::string_view s);
  /// Twice the slots, every string placed again.
  void grow();

  size_t size_ = 0;
  size_t count_ = 0;
  // The thread's storage, reached once (a thread_local's every use goes
  // through a call that checks it was initialised).
  std::vector<uint32_t>& slots_;  // offset + 1 in bytes_, or 0 when free
  std::vector<uint8_t>& bytes_;
};

}  // namespace migsim
