#include "ui/kernel_library.h"

#include <imgui.h>

#include "ui/edits.h"
#include "ui/file_actions.h"
#include "ui/widgets.h"

namespace convviz::ui {

std::span<const LibraryKernel> kernel_library() {
  static constexpr LibraryKernel kLibrary[] = {
      {Fill::Identity, S::FillIdentity, S::PurposeIdentity},
      {Fill::BoxBlur, S::FillBoxBlur, S::PurposeBoxBlur},
      {Fill::Gaussian, S::FillGaussian, S::PurposeGaussian},
      {Fill::Sharpen, S::FillSharpen, S::PurposeSharpen},
      {Fill::SobelX, S::FillSobelX, S::PurposeSobelX},
      {Fill::SobelY, S::FillSobelY, S::PurposeSobelY},
      {Fill::PrewittX, S::FillPrewittX, S::PurposePrewittX},
      {Fill::PrewittY, S::FillPrewittY, S::PurposePrewittY},
      {Fill::ScharrX, S::FillScharrX, S::PurposeScharrX},
      {Fill::ScharrY, S::FillScharrY, S::PurposeScharrY},
      {Fill::Laplacian, S::FillLaplacian, S::PurposeLaplacian},
      {Fill::Emboss, S::FillEmboss, S::PurposeEmboss},
      {Fill::Outline, S::FillOutline, S::PurposeOutline},
      {Fill::MotionBlur, S::FillMotionBlur, S::PurposeMotionBlur},
      {Fill::PyTorchDefault, S::FillPyTorchDefault, S::PurposePyTorchDefault}};
  return kLibrary;
}

std::string library_kernel_name(const AppState& state, Fill fill) {
  for (const LibraryKernel& k : kernel_library()) {
    if (k.fill == fill) return tr(state, k.name);
  }
  return std::string(fill_name(fill));
}

bool apply_library_kernel(AppState& state, Fill fill, std::optional<int64_t> channel) {
  FillValues edit{TensorRole::Weight, fill, channel, state.fill_seed++, state.kernel_channels};
  if (fill == Fill::Gaussian) edit.sigma = state.gaussian_sigma;
  // The textbook's filters have no bias: a flat region of the picture reads
  // 0 (white on the diverging map), not the preset's bias.
  edit.zero_bias = is_kernel_fill(fill);
  const Tensor bias_before = state.session.bias;
  if (!apply(state, edit)) return false;
  if (state.session.bias != bias_before) {
    StatusMessage message;
    for (const LibraryKernel& k : kernel_library()) {
      if (k.fill == fill) message.add(k.name).add(": ").add(S::BiasSetToZero);
    }
    report_status(state, message);
  }
  return true;
}

void sigma_slider(AppState& state, float width) {
  ImGui::SetNextItemWidth(width);
  const std::string format = std::string(tr(state, S::Sigma)) + " %.2f";
  const bool moved =
      ImGui::SliderFloat("##sigma", &state.gaussian_sigma, 0.3f, 5.0f, format.c_str());
  remember_item(state, "kernel.sigma");
  note_drag(state);
  const FillSource* named = intact_named_kernel(state);
  if (moved && named && named->fill == Fill::Gaussian) {
    apply(state, FillValues{TensorRole::Weight, Fill::Gaussian, std::nullopt, 1, named->mode,
                            state.gaussian_sigma});
  }
}

}  // namespace convviz::ui
