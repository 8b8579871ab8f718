#pragma once
// Parsing the SQL bodies the revision readers defer. They are parsed on worker
// threads, one revision at a time each (the parser keeps nothing between two),
// in the history's order, while the caller goes on: a revision's script()
// waits for its own body only, so a replay can start with the first revision
// while later ones are still being parsed. A caller that has to wait parses
// the next bodies nobody has taken meanwhile.
//
// Bodies are parsed at most kParseAhead past the last one asked for (all of
// them once finish() asks), so that a replay which frees each body's parse
// trees once it has run them (release) keeps a few revisions' trees alive,
// not the whole history's: the workers parse into the memory those freed.

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <vector>

#include "parser/revisions/revision.h"
#include "parser/stack_thread.h"

namespace migsim {

class BodyParse {
 public:
  /// Starts parsing every pending body of `revisions`, in their order, and
  /// points each of those revisions at its result (Revision::script). With
  /// `caller_goes_on`, one core is left to the caller (a replay that reads
  /// the bodies as they come); otherwise every core parses.
  static void start(std::vector<Revision>& revisions, bool caller_goes_on);

  BodyParse(const BodyParse&) = delete;
  BodyParse& operator=(const BodyParse&) = delete;
  /// Stops taking bodies and waits for the workers (a run that ends early).
  ~BodyParse();

  /// How many bodies are parsed past the last one asked for.
  static constexpr size_t kParseAhead = 64;

  /// The body in `slot`, once parsed; incomplete when it does not parse
  /// (finish() reports that).
  const ParsedScript& script(size_t slot);
  /// Frees the parse trees of the body in `slot` (ParsedScript::release_trees):
  /// for the last reader of its statements' trees. While workers parse, the
  /// trees of a body a worker parsed go to them, to be freed before their next
  /// body: they came from a worker's heap, and the next trees go where these
  /// were. A body the caller parsed itself is freed here, in its own heap:
  /// freed on a worker, each block would take the caller's arena lock from
  /// under its allocations.
  void release(size_t slot);
  /// Waits for every body and the workers; false with the first failure in
  /// the history's order. Called from the thread that reads the scripts.
  bool finish(InputError& error);
  /// How many bodies have been taken to parse so far (parsed or being parsed).
  size_t taken() const { return std::min(next_.load(), jobs_.size()); }
  /// Whether the body in `slot`, once parsed, was parsed on a worker thread.
  bool parsed_on_worker(size_t slot) const { return jobs_[slot].on_worker; }
  /// How many released bodies' trees wait for a worker to free them.
  size_t released_waiting() {
    std::lock_guard<std::mutex> lock(mutex_);
    return released_.size();
  }
  /// Every worker is waiting for the caller to move (wait_for_caller).
  bool workers_resting() {
    std::lock_guard<std::mutex> lock(mutex_);
    return !workers_.empty() && resume_points_.size() == workers_.size();
  }

 private:
  struct Job {
    std::shared_ptr<const SourceFile> source;
    std::shared_ptr<SourceFile> to_read;  ///< `source`, read before it is parsed
    uint32_t begin = 0;
    uint32_t end = 0;
    ParsedScript script;
    InputError error;
    bool ok = false;
    bool on_worker = false;  ///< parsed on a worker, not by the caller
    std::exception_ptr thrown;
    std::atomic<bool> done{false};
  };

  explicit BodyParse(size_t jobs) : jobs_(jobs) {}
  void work();
  /// Frees the trees the caller released (on a worker: see release).
  void free_released();
  /// Parses the next body nobody has taken; false when none is left.
  bool parse_next();
  void wait(Job& job);
  /// The next body nobody has taken is at most kParseAhead past the last one asked for.
  bool within_reach() const { return within_reach(next_.load()); }
  /// Body `next` is at most kParseAhead past the last one asked for.
  bool within_reach(size_t next) const { return next < wanted_.load() + kParseAhead; }
  /// A worker's turn: false when it is kParseAhead bodies ahead of the
  /// caller, after waiting until the caller is halfway there.
  bool wait_for_caller();
  /// Sets resume_at_ to the least of resume_points_ (under mutex_), for
  /// want() to read without taking the mutex.
  void publish_resume_at();
  /// The caller wants the bodies up to `slot`: a worker waiting for that goes on.
  void want(size_t slot);

  std::vector<Job> jobs_;
  std::atomic<size_t> next_{0};
  std::atomic<bool> stop_{false};
  /// One past the last body the caller asked for (every body, once finish() runs).
  std::atomic<size_t> wanted_{0};
  /// What `wanted_` must reach for the first waiting worker to go on (the
  /// least of `resume_points_`); none waits at SIZE_MAX.
  std::atomic<size_t> resume_at_{SIZE_MAX};
  /// What each waiting worker waits for `wanted_` to reach (under `mutex_`).
  std::vector<size_t> resume_points_;
  /// Trees the caller released, for a worker to free (under `mutex_`).
  std::vector<ParsedScript::Trees> released_;
  std::mutex mutex_;
  std::condition_variable finished_;
  std::condition_variable caller_moved_;
  std::vector<StackThread> workers_;
};

/// What the planner derives from one statement alone. Revision bodies get it
/// for each of their statements on the thread that parses them: beside the
/// replay, when the parse runs in the background.
using DigestStatement = std::shared_ptr<const StatementDigest> (*)(const Statement&);
/// Set once, before the first body is parsed; unset, statements get none.
void set_statement_digest(DigestStatement digest);

/// Parses `rev`'s pending SQL body now, on this thread.
bool parse_revision_body(Revision& rev, InputError& error);

/// Waits for the bodies of `revisions` still being parsed; on failure, `error`
/// is the first failing revision's in their order, as parsing them one by one
/// would find.
bool finish_revision_bodies(const std::vector<Revision>& revisions, InputError& error);

}  // namespace migsim
