#include "core/io/npy.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "core/io/atomic_file.h"
#include "test_paths.h"

namespace convviz {
namespace {

using testing::golden_path;
namespace fs = std::filesystem;

// A .npy file with a hand-written header, for the cases NumPy never writes.
std::string npy_with_header(const std::string& dict, const std::string& data) {
  std::string bytes = "\x93NUMPY";
  bytes += '\x01';
  bytes += '\x00';
  bytes += static_cast<char>(dict.size() & 0xff);
  bytes += static_cast<char>(dict.size() >> 8);
  return bytes + dict + data;
}

std::string error_of(std::string_view bytes) {
  Result<Tensor> t = parse_npy(bytes, "'t.npy'");
  return t ? "" : t.error().message;
}

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("convviz_npy_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

TEST(Npy, EncodeThenParseRoundTrips) {
  Tensor t = make_tensor({2, 3, 1, 4});
  for (size_t i = 0; i < t.data.size(); ++i) t.data[i] = float(i) * 0.5f - 3.0f;
  const std::string bytes = encode_npy(t);
  EXPECT_EQ((bytes.size() - t.data.size() * 4) % 64, 0u) << "data starts 64-byte aligned";
  Result<Tensor> back = parse_npy(bytes, "t");
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, t);
}

TEST(Npy, RankOneShapeKeepsItsTupleComma) {
  const std::string bytes = encode_npy(make_tensor({5}, 1.0f));
  EXPECT_NE(bytes.find("'shape': (5,)"), std::string::npos);
  EXPECT_EQ(parse_npy(bytes, "t")->shape, std::vector<int64_t>{5});
}

TEST(Npy, ReadsNumpyFloat64AndIntegerArraysAsFloat32) {
  const std::pair<const char*, std::vector<float>> cases[] = {
      {"float64", {1.5f, -2.0f, 3.0f, 4.0f, 0.25f, -6.0f}},
      {"int32", {1, -2, 3, 4, 0, -6}},
      {"int64", {1, -2, 3, 4, 0, -6}},
      {"uint8", {1, 2, 3, 4, 0, 255}},
      {"bool", {1, 0, 1, 0, 0, 1}},
  };
  for (const auto& [name, values] : cases) {
    Result<Tensor> t = read_npy(golden_path(std::string("npy/") + name + ".npy"));
    ASSERT_TRUE(t) << t.error().message;
    EXPECT_EQ(t->shape, (std::vector<int64_t>{2, 3})) << name;
    EXPECT_EQ(t->data, values) << name;
  }
}

TEST(Npy, Float64BeyondFloatRangeBecomesInfinity) {
  const double values[] = {1e300, -1e300, 0.5};
  const std::string data(reinterpret_cast<const char*>(values), sizeof values);
  Result<Tensor> t = parse_npy(
      npy_with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", data), "t");
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->data, (std::vector<float>{INFINITY, -INFINITY, 0.5f}));
}

TEST(Npy, ReadsAScalarAsRankZero) {
  Result<Tensor> t = read_npy(golden_path("npy/scalar.npy"));
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->shape.empty());
  EXPECT_EQ(t->data, std::vector<float>{7.0f});
}

TEST(Npy, RejectsNumpyFilesItCannotRead) {
  const std::pair<const char*, const char*> cases[] = {
      {"fortran", "Fortran order"},
      {"big_endian", "big-endian"},
      {"complex", "dtype \"<c8\""},
  };
  for (const auto& [name, expected] : cases) {
    Result<Tensor> t = read_npy(golden_path(std::string("npy/") + name + ".npy"));
    ASSERT_FALSE(t) << name;
    EXPECT_NE(t.error().message.find(expected), std::string::npos) << t.error().message;
  }
}

TEST(Npy, TruncatedDataIsAnError) {
  std::string bytes = encode_npy(make_tensor({2, 2}, 1.0f));
  bytes.resize(bytes.size() - 3);
  EXPECT_NE(error_of(bytes).find("is truncated: shape [2, 2] needs 16 data bytes, the file has 13"),
            std::string::npos)
      << error_of(bytes);
}

TEST(Npy, TrailingBytesAreAnError) {
  std::string bytes = encode_npy(make_tensor({2}, 1.0f)) + "xx";
  EXPECT_NE(error_of(bytes).find("longer than its header says"), std::string::npos);
}

TEST(Npy, MalformedHeadersAreErrors) {
  EXPECT_NE(error_of("PK\x03\x04 not numpy").find("is not a .npy file"), std::string::npos);
  EXPECT_NE(
      error_of(std::string("\x93NUMPY\x01\x00\xff\x00{", 11)).find("truncated inside its header"),
      std::string::npos);
  EXPECT_NE(error_of(npy_with_header("{'descr': '<f4', 'shape': (1,), }", "abcd"))
                .find("lacks 'descr', 'fortran_order' or 'shape'"),
            std::string::npos);
  EXPECT_NE(error_of(npy_with_header("{'descr': '<f4' 'fortran_order': False}", ""))
                .find("header misses ','"),
            std::string::npos);
  EXPECT_NE(error_of(npy_with_header("{'descr': '<f4', 'fortran_order': False, 'shape': (x,)}", ""))
                .find("not a tuple of whole numbers"),
            std::string::npos);
  EXPECT_NE(
      error_of(
          npy_with_header(
              "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,)}", ""))
          .find("too large"),
      std::string::npos);
}

TEST(Npy, HugeShapesAreRejectedBeforeAllocating) {
  const std::string bytes = npy_with_header(
      "{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000, 100000), }", "");
  EXPECT_NE(error_of(bytes).find("more than the 67108864 values"), std::string::npos)
      << error_of(bytes);
}

TEST(Npy, ReadsFormatVersionTwo) {
  const std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }";
  std::string bytes = "\x93NUMPY";
  bytes += std::string("\x02\x00", 2);
  bytes += static_cast<char>(dict.size());
  bytes += std::string(3, '\0');
  const float one = 1.0f;
  bytes += dict + std::string(reinterpret_cast<const char*>(&one), 4);
  Result<Tensor> t = parse_npy(bytes, "t");
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->data, std::vector<float>{1.0f});
}

TEST(Npy, MissingFileAndFolderGiveClearMessages) {
  Result<Tensor> missing = read_npy("/nonexistent/x.npy");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "cannot read '/nonexistent/x.npy': No such file or directory");
  const fs::path dir = fresh_dir("folder");
  EXPECT_NE(read_npy(dir.string()).error().message.find("it is a folder"), std::string::npos);
}

TEST(ReadFile, DevicesAreReadOnlyUpToTheLimit) {
  Result<std::string> zeros = read_file("/dev/zero", 1000);
  ASSERT_FALSE(zeros);
  EXPECT_EQ(zeros.error().message, "'/dev/zero' is larger than the 1000 bytes ConvViz reads");
}

TEST(ReadNpy, ANonNpyDeviceIsRefusedFromItsHeader) {
  Result<Tensor> zeros = read_npy("/dev/zero");
  ASSERT_FALSE(zeros);
  EXPECT_EQ(zeros.error().message,
            "'/dev/zero' is not a .npy file (it does not start with \\x93NUMPY)");
}

TEST(ReadNpy, NothingPastWhatTheHeaderNeedsIsRead) {
  const fs::path dir = fresh_dir("header_limit");
  const std::string path = (dir / "x.npy").string();
  // Data the header asks for, then far more than it: refused once the read
  // passes the header's length, not after reading the whole file.
  const std::string valid = encode_npy(make_tensor({4}, 1.0f));
  ASSERT_FALSE(write_file_atomically(path, valid + std::string(size_t(8) << 20, 'x')));
  Result<Tensor> t = read_npy(path);
  ASSERT_FALSE(t);
  EXPECT_NE(t.error().message.find("is longer than its header says (" +
                                   std::to_string(valid.size()) + " bytes)"),
            std::string::npos)
      << t.error().message;
}

TEST(AtomicWrite, AFailedWriteLeavesTheOldFileAndNoTemporaryFiles) {
  const fs::path dir = fresh_dir("atomic");
  const std::string target = (dir / "y.npy").string();
  ASSERT_FALSE(write_npy(target, make_tensor({3}, 1.0f)));
  const std::string before = *read_file(target, 1 << 20);
  // The second of two files cannot be written: neither target changes.
  Status failed = write_files_atomically(
      {{target, "new bytes"}, {(dir / "missing" / "ops.json").string(), "{}"}});
  ASSERT_TRUE(failed);
  EXPECT_NE(failed->message.find("missing/ops.json"), std::string::npos);
  EXPECT_EQ(*read_file(target, 1 << 20), before);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
}

TEST(AtomicWrite, WritingOverAFolderIsRefused) {
  const fs::path dir = fresh_dir("over_folder");
  fs::create_directories(dir / "taken");
  Status failed = write_file_atomically((dir / "taken").string(), "x");
  ASSERT_TRUE(failed);
  EXPECT_NE(failed->message.find("it is a folder"), std::string::npos);
  EXPECT_TRUE(fs::is_directory(dir / "taken"));
}

}  // namespace
}  // namespace convviz
