#include "parser/json_compact.h"

#include "parser/string_pool.h"

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
  // Each string takes a tape element, and a key is followed by its value: a
  // tree's distinct strings are far fewer than half its elements.
  StringPool pool(used / 2);
  for (size_t i = 0; i < used; ++i) {
    auto type = static_cast<tape_type>(tape[i] >> 56);
    if (type == tape_type::STRING) {
      size_t offset = static_cast<size_t>(tape[i] & JSON_VALUE_MASK);
      uint32_t length;
      std::memcpy(&length, strings + offset, sizeof length);
      std::string_view s(reinterpret_cast<const char*>(strings + offset + sizeof length), length);
      copy[i] = (tape[i] & ~JSON_VALUE_MASK) | pool.intern_padded(s);
    }
    i += is_number(type);
  }
  out->string_buf.reset(new uint8_t[pool.size() + simdjson::SIMDJSON_PADDING]);
  std::memcpy(out->string_buf.get(), pool.data(), pool.size());
  std::memset(out->string_buf.get() + pool.size(), 0, simdjson::SIMDJSON_PADDING);
  return out;
}

}  // namespace migsim
