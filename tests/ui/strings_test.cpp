// The Chinese UI has no English left: every string of the table and every
// preset name has its own Chinese text, apart from PyTorch's names and
// other code, and a status message follows a language switch.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>

#include "core/lesson/presets.h"
#include "ui/file_actions.h"
#include "ui/strings.h"
#include "ui_harness.h"

namespace convviz {
namespace {

using ui::Language;
using ui::S;

// Strings that are code or proper names in both languages.
const std::set<S> kSameInBoth = {S::AppTitle,    S::ChannelShort, S::FillSobelX,
                                 S::FillSobelY,  S::FillPrewittX, S::FillPrewittY,
                                 S::FillScharrX, S::FillScharrY,  S::Sigma};

// Words a Chinese string may keep: PyTorch's names, keys, file formats,
// kernel names, and the placeholders filled in at run time.
const char* const kCodeWords[] = {
    "padding_mode", "'zeros'",     "'same'",  "stride", "replicate", "circular", "MiB",
    "nn.Conv2d",    "in_channels", "padding", "groups", "F.pad",     "PyTorch",  "torch.ones",
    "reflect",      "Sobel",       "Prewitt", "Scharr", "Ctrl",      "Shift",    "Home",
    "End",          "Space",       "Tab",     "PNG",    "JPEG",      "BMP",      "GIF",
    "TGA",          "ConvViz",     "{pad}",   "{what}", "{0}",       "{1}",      "{2}",
    "{3}",          "{n}",         "{total}", "{rows}", "{columns}", "{max}",    "{k}"};

// The English a Chinese text still holds: runs of three or more letters
// once the code words are taken out.
std::string english_left(std::string zh) {
  for (const char* word : kCodeWords) zh = ui::replaced(zh, word, " ");
  std::string left;
  const std::regex letters("[A-Za-z]{3,}");
  for (auto it = std::sregex_iterator(zh.begin(), zh.end(), letters); it != std::sregex_iterator();
       ++it) {
    left += it->str() + " ";
  }
  return left;
}

std::set<std::string> placeholders(const std::string& text) {
  std::set<std::string> found;
  const std::regex braces("\\{[a-z0-9]+\\}");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), braces);
       it != std::sregex_iterator(); ++it) {
    found.insert(it->str());
  }
  return found;
}

TEST(Strings, EveryStringHasItsOwnChineseText) {
  for (int i = 0; i < int(S::Count); ++i) {
    const S id = S(i);
    const std::string en = ui::tr(Language::En, id), zh = ui::tr(Language::Zh, id);
    EXPECT_FALSE(zh.empty()) << en;
    if (kSameInBoth.contains(id)) continue;
    EXPECT_NE(zh, en) << "string " << i << " is English in Chinese";
    EXPECT_EQ(english_left(zh), "") << "in \"" << zh << "\"";
    // Chinese may leave a placeholder out ("{rows}": 行 has no plural), never add one.
    const std::set<std::string> zh_keys = placeholders(zh), en_keys = placeholders(en);
    EXPECT_TRUE(std::includes(en_keys.begin(), en_keys.end(), zh_keys.begin(), zh_keys.end()))
        << en;
    EXPECT_TRUE(zh_keys.contains("{n}") || !en_keys.contains("{n}")) << en;
  }
}

TEST(Strings, TheCheckFindsEnglishInChinese) {
  EXPECT_EQ(english_left("和 + bias = 结果"), "bias ");
  EXPECT_EQ(english_left("output[n=0, c=0]"), "output ");
  EXPECT_EQ(english_left("padding={pad} 裁掉{what}（F.pad）"), "");
}

// A spec's broken rules as the window shows them in Chinese.
std::vector<std::string> chinese_errors(const Conv2dProblem& spec) {
  std::vector<std::string> texts;
  for (const SpecError& e : validate(spec)) texts.push_back(ui::error_text(Language::Zh, e));
  return texts;
}

TEST(Strings, BrokenRulesAreExplainedInChinese) {
  Conv2dProblem groups;
  groups.in_channels = 4;
  groups.groups = 3;
  groups.out_channels = 3;
  EXPECT_EQ(chinese_errors(groups),
            std::vector<std::string>{"groups（3）必须能整除 in_channels（4）"});
  Conv2dProblem reflect;
  reflect.height = 2;
  reflect.padding = {2, 1};
  reflect.padding_mode = PaddingMode::Reflect;
  EXPECT_EQ(chinese_errors(reflect),
            std::vector<std::string>{"reflect 填充（2）必须小于输入的高（2）"});
  Conv2dProblem big_kernel;
  big_kernel.height = big_kernel.width = 2;
  big_kernel.kernel_size = {3, 1};
  EXPECT_EQ(chinese_errors(big_kernel),
            std::vector<std::string>{"卷积核（含膨胀 3 行）比 padding 之后的输入（2 行）还大"});
  Conv2dProblem zero;
  zero.kernel_size = {0, 3};
  EXPECT_EQ(chinese_errors(zero), std::vector<std::string>{"kernel_size 高（0）必须至少为 1"});
  Conv2dProblem negative;
  negative.padding = {-1, 0};
  EXPECT_EQ(chinese_errors(negative),
            std::vector<std::string>{"padding_mode 为 'zeros' 时，padding 的高（-1）不能为负"
                                     "（reflect、replicate 和 circular 会改为裁剪）"});
  // English stays the core's own sentence.
  EXPECT_EQ(ui::error_text(Language::En, validate(groups)[0]), validate(groups)[0].message);
}

TEST(Strings, EveryRuleHasAChineseSentenceWithAllItsValues) {
  for (int rule = int(SpecRule::AtLeastOne); rule <= int(SpecRule::TooManyMultiplications);
       ++rule) {
    const SpecError e{"x", "english", SpecRule(rule), {"height", "rows", "7", "8"}};
    const std::string zh = ui::error_text(Language::Zh, e);
    EXPECT_NE(zh, "english") << "rule " << rule;
    EXPECT_EQ(zh.find('{'), std::string::npos) << zh;
    EXPECT_EQ(english_left(zh), "") << zh;
  }
}

TEST(Strings, PresetsShowChineseNamesAndKeepTheirIds) {
  testing::UiHarness ui(*find_preset("textbook"));
  std::set<std::string> titles;
  for (const Preset& p : presets()) {
    EXPECT_TRUE(ui::has_preset_strings(p)) << p.name << " has no entry in the strings table";
    ui.state.view.language = Language::En;
    EXPECT_EQ(ui::preset_title(ui.state, p), p.name);  // the id --preset takes
    EXPECT_EQ(ui::preset_about(ui.state, p), p.description);
    ui.state.view.language = Language::Zh;
    const std::string title = ui::preset_title(ui.state, p);
    EXPECT_NE(title, p.name);
    EXPECT_EQ(english_left(title), "") << title;
    EXPECT_EQ(english_left(ui::preset_about(ui.state, p)), "") << ui::preset_about(ui.state, p);
    EXPECT_TRUE(titles.insert(title).second) << title << " names two presets";
  }
  EXPECT_TRUE(find_preset("textbook").has_value());  // ids are untouched
}

TEST(Strings, StepWordsCountFromOne) {
  testing::UiHarness ui(*find_preset("textbook"));
  EXPECT_EQ(ui::step_words(ui.state, S::StepOfTotal, 0, 25), "Step 1 / 25");
  EXPECT_EQ(ui::step_words(ui.state, S::StepNOfTotal, 24, 25), "Step 25 of 25");
  ui.state.view.language = Language::Zh;
  EXPECT_EQ(ui::step_words(ui.state, S::StepOfTotal, 0, 25), "第 1 步 / 共 25 步");
  EXPECT_EQ(ui::step_words(ui.state, S::StepN, 2), "第 3 步");
}

TEST(Strings, AStatusMessageFollowsALanguageSwitch) {
  testing::UiHarness ui(*find_preset("textbook"));
  ui.frame(2);
  ui.click_item("param.copy");
  EXPECT_EQ(ui::status_text(ui.state), "Copied to the clipboard");
  ui.state.view.language = Language::Zh;
  ui.frame(2);
  EXPECT_EQ(ui::status_text(ui.state), "已复制到剪贴板");
  // A path or a reader's reason is kept as it is; the words around it change.
  ui::report_status(ui.state, ui::said(S::Saved, " /tmp/a.json"));
  EXPECT_EQ(ui::status_text(ui.state), "已保存 /tmp/a.json");
  ui.state.view.language = Language::En;
  EXPECT_EQ(ui::status_text(ui.state), "Saved /tmp/a.json");
  EXPECT_FALSE(ui.state.status.error);
}

}  // namespace
}  // namespace convviz
