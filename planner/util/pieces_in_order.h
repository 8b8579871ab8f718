#pragma once
// Text made in pieces on two threads and handed on in order. A long report's
// pieces (a few hundred revisions each) are independent of one another; the
// second core, idle once the replay is over, makes every other one. At most
// kHeld pieces are made and not yet handed on, so a long report is still
// never all in memory at once.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace migsim {

/// Appends the text of piece `index` to `out` (which is empty). Called from
/// either thread, never twice for one piece, with no two calls sharing `out`.
using MakePiece = std::function<void(size_t index, std::string& out)>;

/// Makes pieces 0 .. count-1 with `make` on this thread and a helper, and
/// hands each to `emit` in order, on this thread. Whatever `make` throws (on
/// either thread) is thrown here once the helper has stopped; no piece after
/// it is emitted. With fewer than two pieces no helper is started.
void pieces_in_order(size_t count, const MakePiece& make,
                     const std::function<void(std::string_view)>& emit);

/// How many pieces may be made and waiting to be emitted at once.
inline constexpr size_t kHeld = 4;

}  // namespace migsim
