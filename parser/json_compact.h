#pragma once
// Parse trees kept for a whole run take little memory: simdjson sizes a
// document for the worst case of its input (about ten bytes per byte of JSON)
// while a parse tree uses a small part of that, and its keys ("location",
// "relname", ...) and many of its values repeat: the copy holds each string once.

#include <simdjson.h>

#include <memory>

namespace migsim {

/// A copy of `doc`'s parsed tree in a document holding just what it uses,
/// every string once (equal strings of the copy share their bytes).
/// `doc` must hold a successfully parsed document; it is left as it was.
std::unique_ptr<simdjson::dom::document> compact_document(const simdjson::dom::document& doc);

}  // namespace migsim
