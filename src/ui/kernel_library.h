#pragma once
// The named kernels a student can pick, each with a line on what it finds;
// shared by the kernel grid's menu and the image view's kernel choice.
#include <span>

#include "core/tensor_fills.h"
#include "ui/strings.h"

namespace convviz::ui {

struct LibraryKernel {
  Fill fill;
  S name, purpose;
};

// Identity .. motion blur, then PyTorch's default init.
std::span<const LibraryKernel> kernel_library();

// Puts `fill` into the whole weight with the window's channel mode (and
// sigma for the Gaussian). False, with nothing changed, when the kernel has
// no such size.
bool apply_library_kernel(AppState& state, Fill fill);

// The Gaussian's sigma; moving it rebuilds the kernel while the weight is
// still the Gaussian (one undo step per drag).
void sigma_slider(AppState& state, float width);

}  // namespace convviz::ui
