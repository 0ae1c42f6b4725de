#pragma once
// The named kernels a student can pick, each with a line on what it finds;
// shared by the kernel grid's menu and the image view's kernel choice.
#include <optional>
#include <span>
#include <string>

#include "core/lesson/named_kernels.h"
#include "ui/strings.h"

namespace convviz::ui {

struct LibraryKernel {
  Fill fill;
  S name, purpose;
};

// Identity .. motion blur, then PyTorch's default init.
std::span<const LibraryKernel> kernel_library();

// "Sobel x", in the window's language.
std::string library_kernel_name(const AppState& state, Fill fill);

// Puts `fill` into the weight (the kernels of output channel `channel`, or
// all) with the window's channel mode (and sigma for the Gaussian), as one
// undo step. A named kernel brings its own bias, 0, and the status line
// says so when that changed the bias. False, with nothing changed, when the
// kernel has no such size.
bool apply_library_kernel(AppState& state, Fill fill,
                          std::optional<int64_t> channel = std::nullopt);

// The Gaussian's sigma; moving it rebuilds the kernel while the weight is
// still the Gaussian (one undo step per drag).
void sigma_slider(AppState& state, float width);

}  // namespace convviz::ui
