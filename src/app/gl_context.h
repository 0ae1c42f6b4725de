#pragma once
// An OpenGL 3.3 core context without a visible window, for exporting
// pictures from the command line (under xvfb-run where there is no display).
#include <functional>
#include <ostream>

#include "core/model/result.h"

namespace convviz {

// Runs `work` with a current context; an Error when none can be made.
Status with_offscreen_gl(const std::function<Status()>& work);

}  // namespace convviz
