#include "parser/string_pool.h"

#include <algorithm>

namespace migsim {

namespace {
thread_local std::vector<uint32_t> thread_slots;
thread_local std::vector<uint8_t> thread_bytes;
}  // namespace

StringPool::StringPool(size_t expected) : slots_(thread_slots), bytes_(thread_bytes) {
  size_t slots = 64;
  while (slots <= 2 * expected) slots *= 2;
  slots_.assign(slots, 0);
}

size_t StringPool::add(std::string_view s) {
  size_t at = size_;
  auto length = static_cast<uint32_t>(s.size());
  size_ += sizeof length + s.size() + 1;
  if (bytes_.size() < size_ + 8) bytes_.resize(std::max(size_ + 8, 2 * bytes_.size()));
  std::memcpy(bytes_.data() + at, &length, sizeof length);
  std::memcpy(bytes_.data() + at + sizeof length, s.data(), s.size());
  bytes_[at + sizeof length + s.size()] = 0;
  return at;
}

void StringPool::grow() {
  slots_.assign(slots_.size() * 2, 0);
  size_t mask = slots_.size() - 1;
  for (size_t at = 0; at < size_;) {
    uint32_t length;
    std::memcpy(&length, bytes_.data() + at, sizeof length);
    std::string_view s(reinterpret_cast<const char*>(bytes_.data() + at + sizeof length), length);
    size_t i = hash(s, first_bytes(s.data(), s.size())) & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = static_cast<uint32_t>(at + 1);
    at += sizeof length + length + 1;
  }
}

}  // namespace migsim
