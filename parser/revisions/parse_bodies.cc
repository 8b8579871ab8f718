#include "parser/revisions/parse_bodies.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "parser/sql_parser.h"

namespace migsim {

bool parse_revision_body(Revision& rev, InputError& error) {
  if (!rev.parse_pending) return true;
  rev.parse_pending = false;
  std::string_view text = rev.source->text();
  return SqlParser::parse(rev.source, text.substr(rev.body_begin, rev.body_end - rev.body_begin),
                          rev.body_begin, rev.script, error);
}

bool parse_revision_bodies(std::vector<Revision>& revisions, InputError& error) {
  std::atomic<size_t> next{0};
  std::atomic<size_t> first_failed{revisions.size()};
  std::vector<InputError> errors(revisions.size());
  std::exception_ptr thrown;
  std::mutex thrown_mutex;
  // Revisions are taken in order, so every one before a failure has been
  // parsed when the workers stop: the first failure in order is known.
  auto work = [&] {
    try {
      for (size_t i = next++; i < revisions.size() && i < first_failed; i = next++) {
        if (parse_revision_body(revisions[i], errors[i])) continue;
        size_t seen = first_failed;
        while (i < seen && !first_failed.compare_exchange_weak(seen, i)) {
        }
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(thrown_mutex);
      if (!thrown) thrown = std::current_exception();
      first_failed = 0;
    }
  };
  size_t pending = static_cast<size_t>(std::count_if(
      revisions.begin(), revisions.end(), [](const Revision& r) { return r.parse_pending; }));
  // A thread more only pays for itself with a few revisions to share.
  size_t helpers = std::min<size_t>({std::thread::hardware_concurrency(), 8, pending / 4});
  {
    std::vector<std::jthread> pool;
    for (size_t k = 1; k < helpers; ++k) pool.emplace_back(work);
    work();
  }
  if (thrown) std::rethrow_exception(thrown);
  if (first_failed < revisions.size()) {
    error = errors[first_failed];
    return false;
  }
  return true;
}

}  // namespace migsim
