#pragma once
// The inputs every convviz command shares: either --preset NAME, or
// --config C.json (--input X.npy | --image P.png [--grayscale] [--range 0-1|0-255])
// --weight W.npy [--bias B.npy].
#include <vector>

#include "app/cli_args.h"
#include "core/lesson/session.h"

namespace convviz {

// --threads N, else $CONVVIZ_THREADS, else every hardware thread: sizes the
// engine's default pool. A bad value is an error naming where it came from.
Status use_thread_option(const CliArgs& args);

// PyTorch 1.13's Conv2d also takes an unbatched [C, H, W] input and then
// returns [C_out, H_out, W_out]: the session holds it as [1, C, H, W].
struct CliSession {
  Session session;
  bool unbatched = false;
};

// The session is checked (validate + tensor shapes) before it is returned.
Result<CliSession> load_cli_session(const CliArgs& args);

}  // namespace convviz
