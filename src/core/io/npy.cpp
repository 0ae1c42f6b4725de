#include "core/io/npy.h"

#include <bit>
#include <cstring>
#include <map>
#include <variant>

#include "core/io/atomic_file.h"
#include "core/io/json_text.h"

namespace convviz {
namespace {

constexpr std::string_view kMagic = "\x93NUMPY";

// The header is a Python dict literal such as
// {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
// Values are strings, booleans or tuples of integers; nothing else occurs.
using HeaderValue = std::variant<std::string, bool, std::vector<int64_t>>;

class HeaderParser {
 public:
  explicit HeaderParser(std::string_view text) : text_(text) {}

  Result<std::map<std::string, HeaderValue>> parse() {
    std::map<std::string, HeaderValue> dict;
    if (!eat('{')) return fail("does not start with '{'");
    while (!eat('}')) {
      std::string key;
      if (!string_literal(key)) return fail("has a key that is not a quoted string");
      if (!eat(':')) return fail("misses ':' after " + convviz::quoted(key));
      Result<HeaderValue> value = parse_value();
      if (!value) return value.error();
      dict[key] = *value;
      if (!eat(',') && !peek('}')) return fail("misses ',' after " + convviz::quoted(key));
    }
    return dict;
  }

 private:
  Result<HeaderValue> parse_value() {
    std::string s;
    if (string_literal(s)) return HeaderValue{s};
    if (word("True")) return HeaderValue{true};
    if (word("False")) return HeaderValue{false};
    if (!eat('(')) return fail("has a value that is not a string, boolean or tuple");
    std::vector<int64_t> dims;
    while (!eat(')')) {
      skip_space();
      int64_t dim = 0;
      size_t digits = 0;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
        if (__builtin_mul_overflow(dim, 10, &dim) ||
            __builtin_add_overflow(dim, text_[pos_] - '0', &dim)) {
          return fail("has a shape dimension too large to hold");
        }
        ++pos_;
        ++digits;
      }
      if (digits == 0) return fail("has a shape that is not a tuple of whole numbers");
      dims.push_back(dim);
      if (!eat(',') && !peek(')')) return fail("has a shape without ',' between dimensions");
    }
    return HeaderValue{dims};
  }

  bool string_literal(std::string& out) {
    skip_space();
    if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '"')) return false;
    const char quote = text_[pos_];
    const size_t end = text_.find(quote, pos_ + 1);
    if (end == std::string_view::npos) return false;
    out = std::string(text_.substr(pos_ + 1, end - pos_ - 1));
    pos_ = end + 1;
    return true;
  }

  bool word(std::string_view w) {
    skip_space();
    if (text_.substr(pos_, w.size()) != w) return false;
    pos_ += w.size();
    return true;
  }
  bool eat(char c) {
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == c) return ++pos_, true;
    return false;
  }
  bool peek(char c) {
    skip_space();
    return pos_ < text_.size() && text_[pos_] == c;
  }
  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n')) ++pos_;
  }
  static Error fail(const std::string& what) { return Error{"header " + what}; }

  std::string_view text_;
  size_t pos_ = 0;
};

struct Dtype {
  char kind;  // 'f', 'i', 'u', 'b'
  size_t bytes;
};

Result<Dtype> parse_dtype(const std::string& descr) {
  if (descr.size() < 3) return Error{"has an unknown dtype " + quoted(descr)};
  const char order = descr[0];
  const char kind = descr[1];
  const std::string size_text = descr.substr(2);
  const size_t bytes = size_text.find_first_not_of("0123456789") == std::string::npos
                           ? std::stoul(size_text.substr(0, 3))
                           : 0;
  const bool supported =
      (kind == 'f' && (bytes == 4 || bytes == 8)) ||
      ((kind == 'i' || kind == 'u') && (bytes == 1 || bytes == 2 || bytes == 4 || bytes == 8)) ||
      (kind == 'b' && bytes == 1);
  if (!supported) {
    return Error{"has dtype " + quoted(descr) +
                 "; ConvViz reads float32, float64, integer and bool arrays"};
  }
  if (order == '>' && bytes > 1) {
    return Error{"is big-endian (" + quoted(descr) +
                 "); save it little-endian (e.g. astype('<f4'))"};
  }
  if (order != '<' && order != '|' && order != '=' && order != '>') {
    return Error{"has an unknown dtype " + quoted(descr)};
  }
  return Dtype{kind, bytes};
}

template <class T>
float load_as_float(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return static_cast<float>(v);
}

float convert_element(const Dtype& d, const char* p) {
  switch (d.kind) {
    case 'f': {
      if (d.bytes == 4) return load_as_float<float>(p);
      double v;
      std::memcpy(&v, p, sizeof v);
      return narrow_to_float(v);
    }
    case 'i':
      if (d.bytes == 1) return load_as_float<int8_t>(p);
      if (d.bytes == 2) return load_as_float<int16_t>(p);
      if (d.bytes == 4) return load_as_float<int32_t>(p);
      return load_as_float<int64_t>(p);
    case 'u':
      if (d.bytes == 1) return load_as_float<uint8_t>(p);
      if (d.bytes == 2) return load_as_float<uint16_t>(p);
      if (d.bytes == 4) return load_as_float<uint32_t>(p);
      return load_as_float<uint64_t>(p);
    default:
      return *p != 0 ? 1.0f : 0.0f;
  }
}

struct Header {
  Dtype dtype;
  std::vector<int64_t> shape;
  size_t data_offset;
};

Result<Header> parse_header(std::string_view bytes) {
  if (bytes.size() < 10 || bytes.substr(0, 6) != kMagic) {
    return Error{"is not a .npy file (it does not start with \\x93NUMPY)"};
  }
  const int major = static_cast<unsigned char>(bytes[6]);
  if (major < 1 || major > 3) {
    return Error{"has .npy format version " + std::to_string(major) + ", expected 1, 2 or 3"};
  }
  const auto byte = [&](size_t i) { return static_cast<size_t>(static_cast<uint8_t>(bytes[i])); };
  const size_t length_bytes = major == 1 ? 2 : 4;
  if (bytes.size() < 8 + length_bytes) return Error{"is truncated inside its header"};
  size_t header_length = 0;
  for (size_t i = 0; i < length_bytes; ++i) header_length |= byte(8 + i) << (8 * i);
  const size_t data_offset = 8 + length_bytes + header_length;
  if (bytes.size() < data_offset) return Error{"is truncated inside its header"};
  Result<std::map<std::string, HeaderValue>> dict =
      HeaderParser(bytes.substr(8 + length_bytes, header_length)).parse();
  if (!dict) return dict.error();
  const auto field = [&](const char* key) -> const HeaderValue* {
    auto it = dict->find(key);
    return it == dict->end() ? nullptr : &it->second;
  };
  const auto* descr = std::get_if<std::string>(field("descr"));
  const auto* fortran = std::get_if<bool>(field("fortran_order"));
  const auto* shape = std::get_if<std::vector<int64_t>>(field("shape"));
  if (!descr || !fortran || !shape) {
    return Error{"header lacks 'descr', 'fortran_order' or 'shape'"};
  }
  if (*fortran) {
    return Error{"is in Fortran order; save a C-ordered array (np.ascontiguousarray)"};
  }
  Result<Dtype> dtype = parse_dtype(*descr);
  if (!dtype) return dtype.error();
  return Header{*dtype, *shape, data_offset};
}

// How many data bytes the header's shape and dtype need.
Result<size_t> data_bytes(const Header& header, const std::string& name) {
  int64_t count = 1;
  for (int64_t d : header.shape) {
    if (__builtin_mul_overflow(count, d, &count) || count > kMaxTensorElements) {
      return Error{name + " has shape " + shape_text(header.shape) + ", more than the " +
                   std::to_string(kMaxTensorElements) + " values ConvViz holds per tensor"};
    }
  }
  return static_cast<size_t>(count) * header.dtype.bytes;
}

}  // namespace

Result<Tensor> parse_npy(std::string_view bytes, const std::string& name) {
  Result<Header> header = parse_header(bytes);
  if (!header) return Error{name + " " + header.error().message};
  Result<size_t> expected = data_bytes(*header, name);
  if (!expected) return expected.error();
  const size_t actual = bytes.size() - header->data_offset;
  if (actual != *expected) {
    return Error{name + " is " +
                 (actual < *expected ? "truncated" : "longer than its header says") + ": shape " +
                 shape_text(header->shape) + " needs " + std::to_string(*expected) +
                 " data bytes, the file has " + std::to_string(actual)};
  }
  Tensor tensor{header->shape, std::vector<float>(element_count(header->shape))};
  const char* data = bytes.data() + header->data_offset;
  for (size_t i = 0; i < tensor.data.size(); ++i) {
    tensor.data[i] = convert_element(header->dtype, data + i * header->dtype.bytes);
  }
  return tensor;
}

Result<Tensor> read_npy(const std::string& path) {
  const std::string name = "'" + path + "'";
  // The header fixes the file's exact length, so nothing past it is read:
  // /dev/zero is refused from its first bytes.
  auto size_from_header = [&](std::string_view head) -> Result<size_t> {
    Result<Header> header = parse_header(head);
    if (!header) {
      const bool cut_off = header.error().message == "is truncated inside its header";
      if (cut_off && head.size() == kHeadBytes) {
        return Error{name + " has a .npy header longer than " + std::to_string(kHeadBytes) +
                     " bytes (NumPy writes a few hundred)"};
      }
      return Error{name + " " + header.error().message};
    }
    Result<size_t> data = data_bytes(*header, name);
    if (!data) return data.error();
    return header->data_offset + *data;
  };
  const size_t max_bytes = static_cast<size_t>(kMaxTensorElements) * 8 + (1 << 20);
  Result<std::string> bytes = read_file(path, max_bytes, size_from_header);
  if (!bytes) return bytes.error();
  return parse_npy(*bytes, name);
}

std::string encode_npy(const Tensor& tensor) {
  std::string shape = "(";
  for (int64_t d : tensor.shape) shape += std::to_string(d) + ", ";
  if (tensor.shape.size() > 1) shape.resize(shape.size() - 2);  // (5,) keeps its comma
  if (tensor.shape.size() == 1) shape.resize(shape.size() - 1);
  shape += ")";
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
  // NumPy pads the header with spaces and a newline so data starts on a
  // 64-byte boundary.
  const size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  std::string bytes(kMagic);
  bytes += '\x01';
  bytes += '\x00';
  bytes += static_cast<char>(header.size() & 0xff);
  bytes += static_cast<char>(header.size() >> 8);
  bytes += header;
  static_assert(std::endian::native == std::endian::little, ".npy data is written little-endian");
  bytes.append(reinterpret_cast<const char*>(tensor.data.data()),
               tensor.data.size() * sizeof(float));
  return bytes;
}

Status write_npy(const std::string& path, const Tensor& tensor) {
  return write_file_atomically(path, encode_npy(tensor));
}

}  // namespace convviz
