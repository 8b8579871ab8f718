#include "parser/tape_writer.h"

#include <algorithm>
#include <cstring>

namespace migsim {

using simdjson::internal::JSON_COUNT_MASK;
using simdjson::internal::tape_type;

namespace {
thread_local std::vector<uint64_t> thread_tape;
thread_local uint64_t thread_documents = 0;
}  // namespace

TapeWriter::LiteralSlot* TapeWriter::thread_literals() {
  thread_local std::vector<LiteralSlot> slots(kLiterals, LiteralSlot{});
  return slots.data();
}

TapeWriter::TapeWriter(size_t max_depth)
    : max_depth_(max_depth),
      pool_(128),
      tape_(thread_tape),
      literals_(thread_literals()),
      document_(++thread_documents) {
  tape_.clear();
  append(tape_type::ROOT, 0);  // its payload, the element count, is set by finish
  scopes_.push_back({0, 0});
}

void TapeWriter::open(tape_type type) {
  ++scopes_.back().count;
  // One level short of simdjson's own limit: near it, the caller leaves the
  // decision to simdjson's parse of the JSON.
  if (scopes_.size() + 1 >= max_depth_) fail();
  scopes_.push_back({tape_.size(), 0});
  append(type, 0);  // its payload is set when it closes
}

void TapeWriter::close(tape_type type) {
  Scope scope = scopes_.back();
  scopes_.pop_back();
  append(type, scope.start);
  uint64_t count = std::min<uint64_t>(scope.count, JSON_COUNT_MASK);
  tape_[scope.start] |= (count << 32) | tape_.size();
}

void TapeWriter::number(int64_t v) {
  ++scopes_.back().count;
  append(tape_type::INT64, 0);
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  tape_.push_back(bits);
}

void TapeWriter::boolean(bool b) {
  ++scopes_.back().count;
  append(b ? tape_type::TRUE_VALUE : tape_type::FALSE_VALUE, 0);
}

std::unique_ptr<simdjson::dom::document> TapeWriter::finish() {
  if (failed_ || scopes_.size() != 1) return nullptr;
  append(tape_type::ROOT, 0);
  tape_[0] |= tape_.size();
  auto doc = std::make_unique<simdjson::dom::document>();
  doc->tape.reset(new uint64_t[tape_.size()]);
  std::memcpy(doc->tape.get(), tape_.data(), tape_.size() * sizeof(uint64_t));
  doc->string_buf.reset(new uint8_t[pool_.size() + simdjson::SIMDJSON_PADDING]);
  std::memcpy(doc->string_buf.get(), pool_.data(), pool_.size());
  std::memset(doc->string_buf.get() + pool_.size(), 0, simdjson::SIMDJSON_PADDING);
  return doc;
}

}  // namespace migsim
