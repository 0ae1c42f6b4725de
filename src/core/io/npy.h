#pragma once
// NumPy .npy files (format versions 1-3). Reads float32, float64, integer
// and bool arrays in C order and little endian, converting to float32;
// writes float32. Every malformed file gives an Error naming the problem.
#include <string>
#include <string_view>

#include "core/model/result.h"
#include "core/model/tensor.h"

namespace convviz {

// `name` labels the messages, e.g. "'x.npy'".
Result<Tensor> parse_npy(std::string_view bytes, const std::string& name);
Result<Tensor> read_npy(const std::string& path);

std::string encode_npy(const Tensor& tensor);
Status write_npy(const std::string& path, const Tensor& tensor);

}  // namespace convviz
