// Until the reader of Alembic revision scripts is in place, a script's body is
// reported as one `unknown` statement with the reason the revision reader gave.

#include "planner/alembic/script_runner.h"

namespace migsim {

bool run_alembic_upgrade(const Revision& revision, Engine&, std::vector<StatementRecord>& out,
                         InputError&) {
  StatementRecord r;
  r.location = revision.location;
  r.result.outcome = Outcome::kUnknown;
  r.result.message = revision.unread_reason.empty() ? std::string(kAlembicBodyUnread)
                                                    : revision.unread_reason;
  out.push_back(std::move(r));
  return true;
}

}  // namespace migsim
