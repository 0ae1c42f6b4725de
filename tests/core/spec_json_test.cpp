#include "core/io/spec_json.h"

#include <gtest/gtest.h>

#include "random_specs.h"

namespace convviz {
namespace {

using nlohmann::json;

std::string error_of(const json& config) {
  Result<Conv2dProblem> s = spec_from_config(config);
  return s ? "" : s.error().message;
}

TEST(SpecFromConfig, MissingOptionalKeysTakePyTorchDefaults) {
  Result<Conv2dProblem> s =
      spec_from_config({{"in_channels", 2}, {"out_channels", 4}, {"kernel_size", 3}});
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->stride, (Pair{1, 1}));
  EXPECT_EQ(s->padding, (Pair{0, 0}));
  EXPECT_EQ(s->padding_preset, PaddingPreset::Explicit);
  EXPECT_EQ(s->padding_mode, PaddingMode::Zeros);
  EXPECT_EQ(s->dilation, (Pair{1, 1}));
  EXPECT_EQ(s->groups, 1);
  EXPECT_TRUE(s->bias);
}

TEST(SpecFromConfig, ReadsPairsStringsAndModes) {
  Result<Conv2dProblem> s = spec_from_config(json::parse(R"({
    "in_channels": 4, "out_channels": 2, "kernel_size": [3, 2], "stride": [2, 1],
    "padding": "same", "padding_mode": "circular", "dilation": [1, 2], "groups": 2, "bias": false})"));
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->kernel_size, (Pair{3, 2}));
  EXPECT_EQ(s->stride, (Pair{2, 1}));
  EXPECT_EQ(s->padding_preset, PaddingPreset::Same);
  EXPECT_EQ(s->padding_mode, PaddingMode::Circular);
  EXPECT_EQ(s->dilation, (Pair{1, 2}));
  EXPECT_EQ(s->groups, 2);
  EXPECT_FALSE(s->bias);
}

TEST(SpecFromConfig, KeepsTheBaseInputSize) {
  Conv2dProblem base;
  base.batch = 3;
  base.height = 7;
  base.width = 9;
  Result<Conv2dProblem> s =
      spec_from_config({{"in_channels", 1}, {"out_channels", 1}, {"kernel_size", 3}}, base);
  EXPECT_EQ(s->batch, 3);
  EXPECT_EQ(s->height, 7);
  EXPECT_EQ(s->width, 9);
}

TEST(SpecFromConfig, ErrorsNameTheKey) {
  const json base = {{"in_channels", 1}, {"out_channels", 1}, {"kernel_size", 3}};
  auto with = [&](const char* key, json value) {
    json c = base;
    c[key] = value;
    return error_of(c);
  };
  EXPECT_EQ(with("strides", 2), "unknown config key \"strides\" (did you mean \"stride\"?)");
  EXPECT_EQ(with("color", 2).rfind("unknown config key \"color\" (nn.Conv2d's keys are", 0), 0u);
  EXPECT_EQ(with("stride", 1.5),
            "config key \"stride\" must be a whole number or a [height, width] pair of whole "
            "numbers, not 1.5");
  EXPECT_EQ(with("stride", json::array({1, 2, 3})).rfind("config key \"stride\" must be", 0), 0u);
  EXPECT_EQ(with("groups", "2"), "config key \"groups\" must be a whole number, not \"2\"");
  EXPECT_EQ(with("groups", true), "config key \"groups\" must be a whole number, not true");
  EXPECT_EQ(with("bias", 1), "config key \"bias\" must be true or false, not 1");
  EXPECT_EQ(with("padding", "full"),
            "config key \"padding\" is \"full\"; a string padding must be \"same\" or \"valid\"");
  EXPECT_EQ(with("padding_mode", "mirror"),
            "config key \"padding_mode\" must be one of \"zeros\", \"reflect\", \"replicate\", "
            "\"circular\", not \"mirror\"");
  EXPECT_EQ(error_of({{"in_channels", 1}, {"out_channels", 1}}),
            "config key \"kernel_size\" is missing (nn.Conv2d requires it)");
  EXPECT_EQ(error_of(json::array()), "the config must be a JSON object, not []");
}

TEST(SpecFromConfig, ToConfigRoundTripsRandomSpecs) {
  std::mt19937 rng(3);
  for (int i = 0; i < 200; ++i) {
    const Conv2dProblem spec = testing::random_valid_spec(rng);
    Result<Conv2dProblem> back = spec_from_config(spec_to_config(spec), spec);
    ASSERT_TRUE(back) << back.error().message;
    Conv2dProblem expected = spec;
    if (spec.padding_preset != PaddingPreset::Explicit) expected.padding = {0, 0};
    EXPECT_EQ(*back, expected) << spec_to_config(spec).dump();
  }
}

TEST(ParseJsonText, SyntaxErrorsSayWhere) {
  Result<json> j = parse_json_text("{\"a\": }", "'c.json'");
  ASSERT_FALSE(j);
  EXPECT_EQ(
      j.error().message.rfind("'c.json' is not valid JSON: parse error at line 1, column 7", 0), 0u)
      << j.error().message;
}

TEST(ParseJsonText, ANumberBeyondDoubleIsAnErrorNotAnException) {
  for (const char* text : {R"({"padding": 1e400})", R"({"padding": -1e400})", "[1e999999]"}) {
    Result<json> j = parse_json_text(text, "'c.json'");
    ASSERT_FALSE(j) << text;
    EXPECT_EQ(j.error().message.rfind("'c.json' holds a number too large for a 64-bit float", 0),
              0u)
        << j.error().message;
  }
}

TEST(ParseJsonText, BytesAfterTheDocumentAreRefusedEvenAfterANul) {
  const std::string text("{\"in_channels\": 1}\0{\"bias\": 7}", 31);
  Result<json> j = parse_json_text(text, "'c.json'");
  ASSERT_FALSE(j) << j->dump();
  EXPECT_EQ(j.error().message,
            "'c.json' is not valid JSON: byte 18 is a NUL, and nothing may follow the document");
  EXPECT_FALSE(parse_json_text("{} {}", "'c.json'")) << "two documents";
  const std::string utf16("{\0}\0", 4);
  EXPECT_EQ(parse_json_text(utf16, "'c.json'").error().message,
            "'c.json' is not valid JSON: byte 1 is a NUL, which JSON text never holds (is the file "
            "UTF-16?)");
}

TEST(ReadJsonFile, ANonJsonDeviceIsRefusedFromItsFirstByte) {
  Result<json> zeros = read_json_file("/dev/zero");
  ASSERT_FALSE(zeros);
  EXPECT_EQ(zeros.error().message,
            "'/dev/zero' is not a JSON file: it should start with '{', not the byte 0x00");
}

TEST(OneLine, EscapesControlsAndBadUtf8ButKeepsQuotesAndText) {
  EXPECT_EQ(one_line("key \"a\\b\" in 'x\ny.json' 中文"), "key \"a\\b\" in 'x\\ny.json' 中文");
  EXPECT_EQ(one_line(std::string("\xff\x01", 2)), "\xEF\xBF\xBD\\u0001");
}

TEST(SpecFromConfig, AnUnknownKeyIsNamedBeforeAMissingOne) {
  EXPECT_EQ(error_of({{"in_channels", 1}, {"out_channels", 1}, {"kernel", 3}}),
            "unknown config key \"kernel\" (did you mean \"kernel_size\"?)");
}

TEST(ParseJsonText, AHugeStringIsRefusedBeforeTheParserCopiesIt) {
  const std::string key(size_t{1} << 17, 'k');
  Result<json> j = parse_json_text(R"({"a\"\\": 1, ")" + key + R"(": 1})", "'s.json'");
  ASSERT_FALSE(j);
  EXPECT_EQ(j.error().message,
            "'s.json' holds a string of more than 65536 bytes at byte 13; no ConvViz file has one");
  EXPECT_TRUE(parse_json_text(R"({"a\"\\": "\\\"", "b": [1]})", "'s.json'"))
      << "escaped quotes and backslashes are read as the parser reads them";
}

TEST(SpecFromConfig, AHugeUnknownKeyGetsNoSuggestion) {
  // 100 MB took half a minute of edit distance; a key this far from every
  // known one cannot be a typo, so none is computed.
  const std::string key(1 << 24, 'k');
  const std::string message = error_of({{key, 1}});
  EXPECT_NE(message.find("nn.Conv2d's keys are in_channels"), std::string::npos) << message;
  EXPECT_EQ(message.find("did you mean"), std::string::npos);
}

}  // namespace
}  // namespace convviz
