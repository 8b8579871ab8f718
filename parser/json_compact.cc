#include "parser/json_compact.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace migsim {

std::unique_ptr<simdjson::dom::document> compact_document(const simdjson::dom::document& doc) {
  using simdjson::internal::JSON_VALUE_MASK;
  using simdjson::internal::tape_type;
  // The tape (simdjson's doc/tape.md): the first element, a root, holds the
  // number of elements; a string element holds the offset of its length
  // (4 bytes), bytes and NUL in the string buffer; a number element is
  // followed by its raw 64 bits.
  const uint64_t* tape = doc.tape.get();
  const uint8_t* strings = doc.string_buf.get();
  size_t used = static_cast<size_t>(tape[0] & JSON_VALUE_MASK);
  size_t string_bytes = 0;
  for (size_t i = 0; i < used; ++i) {
    auto type = static_cast<tape_type>(tape[i] >> 56);
    if (type == tape_type::STRING) {
      size_t offset = static_cast<size_t>(tape[i] & JSON_VALUE_MASK);
      uint32_t length;
      std::memcpy(&length, strings + offset, sizeof length);
      string_bytes = std::max(string_bytes, offset + sizeof length + length + 1);
    } else if (type == tape_type::INT64 || type == tape_type::UINT64 || type == tape_type::DOUBLE) {
      ++i;
    }
  }
  auto out = std::make_unique<simdjson::dom::document>();
  out->tape.reset(new uint64_t[used]);
  std::memcpy(out->tape.get(), tape, used * sizeof(uint64_t));
  out->string_buf.reset(new uint8_t[string_bytes + simdjson::SIMDJSON_PADDING]());
  std::memcpy(out->string_buf.get(), strings, string_bytes);
  return out;
}

}  // namespace migsim
