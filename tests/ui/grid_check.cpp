// Checks what the canvas drew, from the window's --layout report, against
// the promises a class relies on:
//  - every number in a cell is at least as large as the panel text;
//  - a number without "≈" is the cell's value to the four significant
//    digits the step's sum prints (parsed back, not re-formatted);
//  - no connector crosses a cell's digits;
//  - with --whole-layer I K O: the layer is all in view, every cell with
//    its number (I input cells, padding included, K kernel, O output);
//  - with --window-numbers: the cells under the window show their numbers,
//    in the grid or in the loupe beside it.
// Usage: grid_check LAYOUT.json [--whole-layer I K O] [--window-numbers]
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <string>

#include "core/io/spec_json.h"

using convviz::read_json_file;
using nlohmann::json;

namespace {

int failures = 0;

void fail(const std::string& what) {
  if (++failures <= 20) std::cerr << "FAIL: " << what << "\n";
}

struct Box {
  double x0, y0, x1, y1;
};
Box box(const json& r) { return {r[0], r[1], r[2], r[3]}; }
bool inside(const Box& inner, const Box& outer) {
  return inner.x0 >= outer.x0 - 0.5 && inner.y0 >= outer.y0 - 0.5 && inner.x1 <= outer.x1 + 0.5 &&
         inner.y1 <= outer.y1 + 0.5;
}

// Does the segment cross the box's interior (shrunk by half a pixel)?
// Clipped against the box's slabs, exactly (Liang-Barsky).
bool crosses(double ax, double ay, double bx, double by, const Box& b) {
  double t0 = 0, t1 = 1;
  const double dx = bx - ax, dy = by - ay;
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {ax - (b.x0 + 0.5), (b.x1 - 0.5) - ax, ay - (b.y0 + 0.5), (b.y1 - 0.5) - ay};
  for (int i = 0; i < 4; ++i) {
    if (p[i] == 0) {
      if (q[i] <= 0) return false;  // parallel and outside (or on the edge)
      continue;
    }
    const double t = q[i] / p[i];
    if (p[i] < 0) t0 = std::max(t0, t);
    if (p[i] > 0) t1 = std::min(t1, t);
  }
  return t0 < t1;
}

// "15.5", ".25", "-.5", "1.2e2" as a number; NaN when it is none.
double parsed(std::string text) {
  if (text.rfind(".", 0) == 0) text = "0" + text;
  if (text.rfind("-.", 0) == 0) text = "-0" + text.substr(1);
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  return end && *end == '\0' && !text.empty() ? value : std::nan("");
}

std::string describe(const json& c) {
  return c["grid"].get<std::string>() + "[" + std::to_string(c["c"].get<int>()) + "," +
         std::to_string(c["y"].get<int>()) + "," + std::to_string(c["x"].get<int>()) + "] \"" +
         c["text"].get<std::string>() + "\"";
}

void check_cell(const json& c, double text_px) {
  const std::string text = c["text"];
  if (text.empty()) return;
  if (c["text_px"].get<double>() < text_px - 0.01) {
    fail(describe(c) + " is " + std::to_string(c["text_px"].get<double>()) +
         " px, smaller than the panel text");
  }
  if (!inside(box(c["text_rect"]), box(c["rect"]))) fail(describe(c) + " spills out of its cell");
  if (c.contains("partial")) {  // fine steps: "Σ 7" is the running sum, or "Σ" alone
    std::string sum = text.substr(std::string("Σ").size());
    if (text.rfind("Σ", 0) != 0) fail(describe(c) + ": a running sum without its Σ");
    if (!sum.empty() && sum[0] == ' ') sum.erase(0, 1);
    if (!sum.empty() && !(std::fabs(parsed(sum) - c["value"].get<double>()) <=
                          std::fabs(c["value"].get<double>()) * 5e-4 + 1e-9)) {
      fail(describe(c) + " shows a running sum other than its value");
    }
    return;
  }
  const bool marked = text.rfind("≈", 0) == 0;
  if (marked != c["approximate"].get<bool>())
    fail(describe(c) + ": the ≈ mark and the flag differ");
  if (marked) return;
  const double shown = parsed(text);
  const double value = c["value"].is_number() ? c["value"].get<double>() : std::nan("");
  if (!std::isfinite(value)) return;
  const double tolerance = std::max(std::fabs(value) * 5e-4, 1e-9);
  if (!(std::fabs(shown - value) <= tolerance)) {
    fail(describe(c) + " shows a number other than its value " + std::to_string(value));
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: grid_check LAYOUT.json [--whole-layer I K O] [--window-numbers]\n";
    return 2;
  }
  auto layout = read_json_file(argv[1]);
  if (!layout) {
    std::cerr << layout.error().message << "\n";
    return 2;
  }
  const json& report = *layout;
  const double text_px = report["text_px"];
  const Box canvas = box(report["canvas"]);
  int counts[3] = {0, 0, 0}, numbered[3] = {0, 0, 0}, loupe_numbers = 0;
  for (const json& c : report["cells"]) {
    check_cell(c, text_px);
    const std::string grid = c["grid"];
    const int kind = grid == "input" ? 0 : grid == "kernel" ? 1 : 2;
    if (c.contains("loupe")) {
      loupe_numbers += !c["text"].get<std::string>().empty();
      continue;
    }
    ++counts[kind];
    if (!c["text"].get<std::string>().empty() && inside(box(c["rect"]), canvas)) ++numbered[kind];
  }
  for (const json& line : report["connectors"]) {
    for (size_t i = 0; i + 1 < line.size(); ++i) {
      for (const json& c : report["cells"]) {
        if (!c.contains("text_rect") || c.contains("loupe")) continue;
        if (crosses(line[i][0], line[i][1], line[i + 1][0], line[i + 1][1], box(c["text_rect"]))) {
          fail("a connector crosses the digits of " + describe(c));
        }
      }
    }
  }
  for (int i = 2; i < argc; ++i) {
    const std::string option = argv[i];
    if (option == "--whole-layer" && i + 3 < argc) {
      const char* names[3] = {"input", "kernel", "output"};
      for (int k = 0; k < 3; ++k) {
        const int want = std::atoi(argv[++i]);
        if (counts[k] != want || numbered[k] != want) {
          fail(std::string(names[k]) + ": " + std::to_string(numbered[k]) + " of " +
               std::to_string(counts[k]) + " cells in view with their number, expected " +
               std::to_string(want));
        }
      }
    } else if (option == "--window-numbers") {
      if (!report.contains("canvas.window")) {
        fail("no window drawn");
        continue;
      }
      const Box window = box(report["canvas.window"]);
      int under = 0, shown = 0;
      for (const json& c : report["cells"]) {
        if (c["grid"] != "input" || c.contains("loupe") || c["c"] != 0) continue;
        const Box r = box(c["rect"]);
        if (!inside(r, window)) continue;
        ++under;
        shown += !c["text"].get<std::string>().empty();
      }
      if (under == 0 || (shown < under && loupe_numbers < under)) {
        fail("the window's " + std::to_string(under) + " cells show " + std::to_string(shown) +
             " numbers, the loupe " + std::to_string(loupe_numbers));
      }
    } else {
      std::cerr << "unknown option " << option << "\n";
      return 2;
    }
  }
  if (failures > 0) {
    std::cerr << failures << " problems in " << argv[1] << "\n";
    return 1;
  }
  std::cout << "grid ok: " << report["cells"].size() << " cells, " << report["connectors"].size()
            << " connectors\n";
  return 0;
}
