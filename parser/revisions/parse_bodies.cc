#include "parser/revisions/parse_bodies.h"

#include <algorithm>
#include <thread>

#include "parser/huge_pages.h"
#include "parser/limits.h"
#include "parser/sql_parser.h"

namespace migsim {
namespace {

std::atomic<DigestStatement> statement_digest{nullptr};

/// The parse this thread works for (BodyParse::work); none on a caller's thread.
thread_local const BodyParse* working_for = nullptr;

/// source->text()[begin, end) into `script`, with the file's locations, and
/// each statement's digest. With `to_read` (which is `source`), the file is
/// read first and the body is all of it.
bool parse_range(const std::shared_ptr<const SourceFile>& source,
                 const std::shared_ptr<SourceFile>& to_read, uint32_t begin, uint32_t end,
                 ParsedScript& script, InputError& error) {
  if (to_read) {
    if (!to_read->read_into(error)) return false;
    end = static_cast<uint32_t>(to_read->text().size());
  }
  std::string_view text = source->text();
  if (!SqlParser::parse(source, text.substr(begin, end - begin), begin, script, error))
    return false;
  if (DigestStatement digest = statement_digest.load(std::memory_order_acquire))
    for (Statement& s : script.statements) s.digest = digest(s);
  return true;
}

}  // namespace

void set_statement_digest(DigestStatement digest) {
  statement_digest.store(digest, std::memory_order_release);
}

bool parse_revision_body(Revision& rev, InputError& error) {
  if (!rev.parse_pending) return true;
  rev.parse_pending = false;
  std::shared_ptr<SourceFile> to_read = std::move(rev.to_read);
  return parse_range(rev.source, to_read, rev.body_begin, rev.body_end, rev.parsed, error);
}

void BodyParse::start(std::vector<Revision>& revisions, bool caller_goes_on) {
  size_t pending = static_cast<size_t>(std::count_if(
      revisions.begin(), revisions.end(), [](const Revision& r) { return r.parse_pending; }));
  if (pending == 0) return;
  std::shared_ptr<BodyParse> parse(new BodyParse(pending));
  size_t slot = 0;
  for (Revision& rev : revisions) {
    if (!rev.parse_pending) continue;
    rev.parse_pending = false;
    Job& job = parse->jobs_[slot];
    job.source = rev.source;
    job.to_read = std::move(rev.to_read);
    job.begin = rev.body_begin;
    job.end = rev.body_end;
    rev.background = parse;
    rev.background_slot = slot++;
  }
  // A thread only pays for itself with a few revisions to share: a short
  // history is parsed on the caller's thread, each body when it is first
  // asked for. A replay running beside the parse is what the run waits for:
  // on two cores, one parsing thread and the replay finish about 12% sooner
  // than two parsing threads sharing the replay's core.
  size_t cores = std::max<size_t>(1, std::thread::hardware_concurrency());
  size_t spare = caller_goes_on ? cores - 1 : cores;
  size_t workers = std::min<size_t>({spare, 8, pending / 4});
  size_t stack = stack_size_for(input_limits());
  for (size_t k = 0; k < workers; ++k) {
    StackThread thread;
    if (!thread.start([p = parse.get()] { p->work(); }, stack)) break;
    parse->workers_.push_back(std::move(thread));
  }
}

void BodyParse::work() {
  working_for = this;
  use_huge_pages_for_thread();
  do {
    free_released();
  } while (wait_for_caller() && parse_next());
}

void BodyParse::free_released() {
  std::vector<ParsedScript::Trees> trees;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    trees.swap(released_);
  }
}  // freed here

bool BodyParse::wait_for_caller() {
  // One reading of next_ for both the test and the wait: another thread may
  // take bodies in between, and a later reading could be far enough ahead
  // for a wait while this one is too near for its halfway point.
  size_t next = next_.load();
  if (next >= jobs_.size() || within_reach(next)) return !stop_;
  // Waits until the caller is halfway there: one wake-up every kParseAhead / 2
  // bodies, not one each. Each waiting worker has its own halfway point, and
  // resume_at_ is the least of them. want() reads resume_at_ after it moves
  // wanted_, and this reads wanted_ after it sets resume_at_: one of the two
  // sees the other.
  size_t resume = next - kParseAhead / 2;
  std::unique_lock<std::mutex> lock(mutex_);
  resume_points_.push_back(resume);
  publish_resume_at();
  caller_moved_.wait(lock, [&] { return stop_ || wanted_.load() >= resume; });
  resume_points_.erase(std::find(resume_points_.begin(), resume_points_.end(), resume));
  publish_resume_at();
  return !stop_;
}

void BodyParse::publish_resume_at() {
  auto least = std::min_element(resume_points_.begin(), resume_points_.end());
  resume_at_.store(least == resume_points_.end() ? SIZE_MAX : *least);
}

void BodyParse::want(size_t slot) {
  size_t seen = wanted_.load();
  do {
    if (slot + 1 <= seen) return;
  } while (!wanted_.compare_exchange_weak(seen, slot + 1));
  if (slot + 1 >= resume_at_.load()) {
    std::lock_guard<std::mutex> lock(mutex_);
    caller_moved_.notify_all();
  }
}

bool BodyParse::parse_next() {
  if (stop_) return false;
  size_t i = next_++;
  if (i >= jobs_.size()) return false;
  Job& job = jobs_[i];
  job.on_worker = working_for == this;
  try {
    job.ok = parse_range(job.source, job.to_read, job.begin, job.end, job.script, job.error);
  } catch (...) {
    job.thrown = std::current_exception();
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    job.done.store(true, std::memory_order_release);
  }
  finished_.notify_all();
  return true;
}

void BodyParse::wait(Job& job) {
  // The caller parses the next bodies itself rather than wait idle for the
  // workers; it only blocks once every body within reach is taken.
  while (!job.done.load(std::memory_order_acquire) && within_reach() && parse_next()) {
  }
  if (!job.done.load(std::memory_order_acquire)) {
    std::unique_lock<std::mutex> lock(mutex_);
    finished_.wait(lock, [&] { return job.done.load(std::memory_order_acquire); });
  }
  if (job.thrown) std::rethrow_exception(job.thrown);
}

const ParsedScript& BodyParse::script(size_t slot) {
  want(slot);
  wait(jobs_[slot]);
  return jobs_[slot].script;
}

void BodyParse::release(size_t slot) {
  want(slot);
  wait(jobs_[slot]);
  // Once every body is taken, no worker comes back for them.
  if (workers_.empty() || next_.load() >= jobs_.size() || !jobs_[slot].on_worker) {
    jobs_[slot].script.release_trees();
    return;
  }
  ParsedScript::Trees trees = jobs_[slot].script.take_trees();
  std::lock_guard<std::mutex> lock(mutex_);
  released_.push_back(std::move(trees));
}

bool BodyParse::finish(InputError& error) {
  // Every body is wanted now: the workers parse to the end.
  want(jobs_.size() - 1);
  bool ok = true;
  for (Job& job : jobs_) {
    wait(job);
    if (ok && !job.ok) {
      error = job.error;
      ok = false;
    }
  }
  // Every body is parsed: the workers have ended or are ending. Joined here,
  // not when the revisions are freed, which a command leaves to the exit.
  workers_.clear();
  free_released();  // what was released after a worker last looked
  return ok;
}

BodyParse::~BodyParse() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  caller_moved_.notify_all();
  workers_.clear();  // joins them
}

bool finish_revision_bodies(const std::vector<Revision>& revisions, InputError& error) {
  for (const Revision& rev : revisions)
    if (rev.background) return rev.background->finish(error);
  return true;
}

const ParsedScript& Revision::script() const {
  return background ? background->script(background_slot) : parsed;
}

void Revision::release_script() const {
  if (background) background->release(background_slot);
}

}  // namespace migsim
