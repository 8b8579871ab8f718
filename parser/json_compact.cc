#include "parser/json_compact.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace migsim {
namespace {

static_assert(std::endian::native == std::endian::little, "simdjson's tape is little-endian");

using simdjson::internal::JSON_VALUE_MASK;
using simdjson::internal::tape_type;

/// The strings of one document, each written once: a parse tree repeats its
/// keys ("location", "relname", ...) and many of its values, and every tape
/// element of the same bytes can point at one copy.
class StringPool {
 public:
  /// A pool for at most `strings` distinct strings.
  explicit StringPool(size_t strings) : size_(0) {
    size_t slots = 16;
    while (slots <= strings) slots *= 2;
    slots_.assign(slots, 0);
  }

  /// Offset in the pool of a string equal to `s` (length, bytes and NUL),
  /// added if new. The eight bytes from s.data() may be read whatever its
  /// length (simdjson pads its string buffer).
  uint64_t intern(std::string_view s) {
    uint64_t head = first_bytes(reinterpret_cast<const uint8_t*>(s.data()), s.size());
    size_t mask = slots_.size() - 1;
    for (size_t i = hash(s, head) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == 0) {
        slots_[i] = static_cast<uint32_t>(size_ + 1);
        return add(s);
      }
      size_t at = slots_[i] - 1;
      if (equal(at, s, head)) return at;
    }
  }

  const uint8_t* data() const { return bytes_.data(); }
  size_t size() const { return size_; }

 private:
  /// The first eight bytes at `p`, zeros past `size` (little-endian, as the tape).
  static uint64_t first_bytes(const uint8_t* p, size_t size) {
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
    if (length <= 8) return first_bytes(bytes, length) == head;
    return std::memcmp(bytes, s.data(), length) == 0;
  }

  size_t add(std::string_view s) {
    size_t at = size_;
    auto length = static_cast<uint32_t>(s.size());
    size_ += sizeof length + s.size() + 1;
    if (bytes_.size() < size_ + 8) bytes_.resize(std::max(size_ + 8, 2 * bytes_.size()));
    std::memcpy(bytes_.data() + at, &length, sizeof length);
    std::memcpy(bytes_.data() + at + sizeof length, s.data(), s.size());
    bytes_[at + sizeof length + s.size()] = 0;
    return at;
  }

  size_t size_;
  // Reused from one document to the next on a thread: only the first documents allocate.
  static thread_local std::vector<uint32_t> slots_;  // offset + 1 in bytes_, or 0 when free
  static thread_local std::vector<uint8_t> bytes_;
};

thread_local std::vector<uint32_t> StringPool::slots_;
thread_local std::vector<uint8_t> StringPool::bytes_;

bool is_number(tape_type type) {
  return type == tape_type::INT64 || type == tape_type::UINT64 || type == tape_type::DOUBLE;
}

}  // namespace

std::unique_ptr<simdjson::dom::document> compact_document(const simdjson::dom::document& doc) {
  // The tape (simdjson's doc/tape.md): the first element, a root, holds the
  // number of elements; a string element holds the offset of its length
  // (4 bytes), bytes and NUL in the string buffer; a number element is
  // followed by its raw 64 bits.
  const uint64_t* tape = doc.tape.get();
  const uint8_t* strings = doc.string_buf.get();
  size_t used = static_cast<size_t>(tape[0] & JSON_VALUE_MASK);
  auto out = std::make_unique<simdjson::dom::document>();
  out->tape.reset(new uint64_t[used]);
  uint64_t* copy = out->tape.get();
  std::memcpy(copy, tape, used * sizeof(uint64_t));
  // Each string takes a tape element; a tree's distinct strings are far fewer.
  StringPool pool(used);
  for (size_t i = 0; i < used; ++i) {
    auto type = static_cast<tape_type>(tape[i] >> 56);
    if (type == tape_type::STRING) {
      size_t offset = static_cast<size_t>(tape[i] & JSON_VALUE_MASK);
      uint32_t length;
      std::memcpy(&length, strings + offset, sizeof length);
      std::string_view s(reinterpret_cast<const char*>(strings + offset + sizeof length), length);
      copy[i] = (tape[i] & ~JSON_VALUE_MASK) | pool.intern(s);
    }
    i += is_number(type);
  }
  out->string_buf.reset(new uint8_t[pool.size() + simdjson::SIMDJSON_PADDING]);
  std::memcpy(out->string_buf.get(), pool.data(), pool.size());
  std::memset(out->string_buf.get() + pool.size(), 0, simdjson::SIMDJSON_PADDING);
  return out;
}

}  // namespace migsim
