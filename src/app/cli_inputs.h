#pragma once
// The inputs every convviz command shares: either --preset NAME, or
// --config C.json --input X.npy --weight W.npy [--bias B.npy].
#include <initializer_list>
#include <span>
#include <vector>

#include "app/cli_args.h"
#include "core/session.h"

namespace convviz {

inline constexpr OptionSpec kSessionOptions[] = {
    {"preset", true}, {"config", true}, {"input", true}, {"weight", true}, {"bias", true}};

// The session options plus a command's own.
std::vector<OptionSpec> with_session_options(std::initializer_list<OptionSpec> own);

// The session is checked (validate + tensor shapes) before it is returned.
Result<Session> load_cli_session(const CliArgs& args);

}  // namespace convviz
