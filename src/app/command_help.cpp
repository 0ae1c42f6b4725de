#include "app/command_help.h"

#include <sstream>

namespace convviz {
namespace {

// The inputs every computing command shares.
constexpr OptionSpec kSessionOptions[] = {
    {"preset", true}, {"config", true}, {"input", true}, {"image", true},  {"grayscale", false},
    {"range", true},  {"weight", true}, {"bias", true},  {"threads", true}};

std::vector<OptionSpec> with_session_options(std::initializer_list<OptionSpec> own) {
  std::vector<OptionSpec> options(std::begin(kSessionOptions), std::end(kSessionOptions));
  options.insert(options.end(), own);
  return options;
}

constexpr const char* kWindowHelp =
    R"(ConvViz: 2D convolution exactly as PyTorch's nn.Conv2d computes it.

Usage:
  convviz [FILE] [--preset NAME | --session S.json | --image P.png [--grayscale]
          [--grid N | --region TOP,LEFT]] [--kernel sobel-x|gaussian|...]
          [--step I [--products K]] [--reveal] [--lang en|zh]
          [--text-scale 1..3] [--theme dark|light] [--window-size 1600x900]
          [--screenshot OUT.png [--layout OUT.json]]
          [--no-restore | --restore] [--threads N]
                  opens the window (the textbook example the first time;
                  afterwards the last session, unless --no-restore; a
                  screenshot shows the defaults unless --restore)
  convviz compute --config C.json (--input X.npy | --image P.png [--grayscale])
                  --weight W.npy [--bias B.npy]
                  --output Y.npy [--ops-json OPS.json]
  convviz compute --preset NAME --output Y.npy [--ops-json OPS.json]
                  [--engine fast|reference]
  convviz explain --config C.json --input X.npy --weight W.npy [--bias B.npy]
                  --step I [--json]
  convviz explain --preset NAME --step I [--json]
  convviz export (--session S.json | --preset NAME) --step I --out step.png
                 [--scale 1|2|4] [--theme dark|light] [--with-text] [--lang en|zh]
                 [--layout OUT.json] [--threads N]
  convviz export (--session S.json | --preset NAME) --all-steps --out DIR/
                 [--with-text]
  convviz export (--session S.json | --preset NAME) --gif anim.gif [--fps 4]
                 [--with-text]
  convviz bench --config C.json --input-shape N,C,H,W [--repeat R] [--warmup W]
                [--json] [--explain]
  convviz bench --shapes FILE.json [--json] [--explain]
  convviz bench --peak
  convviz --help | --version

The window:
  FILE           a saved session (.json) or a picture (PNG, JPEG, BMP, GIF,
                 TGA) to open over the last session, as a double-click in a
                 file manager does; one that cannot be read leaves the last
                 session, with the reason in the status line
  --preset       a built-in example (see Presets)
  --session      a saved session; one that cannot be read is an error
  --image        a picture as the input grid, read as torchvision's ToTensor
                 reads it; --grayscale makes it one channel
  --grid         the grid on the whole picture, N cells along its longer side
  --region       the grid on a region of the picture, its corner at TOP,LEFT
  --kernel       a library kernel as the weight (sobel-x, gaussian, ...)
  --step         the step to show, counting from 0
  --products     show the step's first K products only (one at a time)
  --reveal       leave the outputs not reached yet blank
  --lang         en or zh: the window's language
  --text-scale   1 to 3: the text size (100 % to 300 %)
  --theme        dark, or light (high contrast, for projectors)
  --window-size  the window's size, like 1600x900
  --screenshot   draw one frame, save it as a PNG and quit
  --layout       with --screenshot: what every cell shows, as JSON
  --no-restore   start on the textbook example, not the last session
  --restore      with --screenshot: start as a normal start would
  --threads      threads for the engine (default $CONVVIZ_THREADS, else all)

Every command takes --threads N (default $CONVVIZ_THREADS, else all cores).

Run 'convviz COMMAND --help' for the details of a command.
)";

constexpr const char* kComputeHelp = R"(Usage:
  convviz compute --config C.json (--input X.npy | --image P.png [--grayscale]
                  [--range 0-1|0-255]) --weight W.npy [--bias B.npy]
                  --output Y.npy [--ops-json OPS.json] [--engine fast|reference]
                  [--threads N]
  convviz compute --preset NAME --output Y.npy [--ops-json OPS.json] [...]

Computes nn.Conv2d's forward pass and writes the output as float32 .npy.
  --config     nn.Conv2d's arguments as JSON: in_channels, out_channels,
               kernel_size, stride, padding (int, [h, w], "same", "valid"),
               padding_mode, dilation, groups, bias
  --input      X, shape [N, C, H, W], or unbatched [C, H, W] (Y is then
               [out_channels, H_out, W_out], as PyTorch returns it)
  --image      a picture instead of X (PNG, JPEG, BMP, GIF first frame, TGA), as
               torchvision's ToTensor reads it: [1, 3, H, W] in [0, 1], alpha
               dropped ([1, 1, H, W] for a gray file). --grayscale makes colour
               one channel (0.2989 r + 0.587 g + 0.114 b); --range 0-255 keeps
               the byte values. Up to 4096x4096 pixels.
  --weight     W, shape [out_channels, in_channels/groups, kh, kw]
  --bias       B, shape [out_channels]; required when bias is true
  --output     where Y goes, shape [N, out_channels, H_out, W_out]
  --ops-json   also write {multiplications, additions, macs, flops, params,
               output_shape}
  --preset     a built-in example instead of --config/--input/--weight/--bias
  --engine     fast (default: the vectorized engine) or reference (the plain
               loops it is tested against)
  --threads    threads for the engine (default $CONVVIZ_THREADS, else all)
On bad input: exit status 2, one line on stderr, no file written.
)";

constexpr const char* kExplainHelp = R"(Usage:
  convviz explain --config C.json (--input X.npy | --image P.png [--grayscale]
                  [--range 0-1|0-255]) --weight W.npy [--bias B.npy]
                  --step I [--json] [--threads N]
  convviz explain --preset NAME --step I [--json]

Explains one output element: every product of the window, the sum, the bias
and the result, ending with the expression a textbook writes, e.g.
  1×0+0×0+1×0+0×0+1×1+0×8+1×0+0×6+1×7+1=9
  --step   which output element, counting from 0 over (n, c_out, y, x) in
           row-major order
  --json   print the whole trace as one JSON object instead
Inputs as for 'convviz compute' (see its --help).
)";

constexpr const char* kExportHelp = R"(Usage:
  convviz export (--session S.json | --preset NAME) --step I --out step.png
                 [--scale 1|2|4] [--theme dark|light] [--with-text] [--lang en|zh]
                 [--layout OUT.json] [--threads N]
  convviz export (--session S.json | --preset NAME) --all-steps --out DIR/
                 [--from I --to J] [--scale 1|2|4] [--theme dark|light] [--with-text]
  convviz export (--session S.json | --preset NAME) --gif anim.gif [--fps 4]
                 [--from I --to J] [--scale 1|2|4] [--theme dark|light] [--reveal]
                 [--with-text]

Draws the window's canvas (the sliding window, the kernels, the outputs,
each grid with its caption) into a 1280x720 picture times --scale,
offscreen. --with-text adds, under it, the layer as PyTorch code with its
input and output shapes (nn.Conv2d(1, 1, kernel_size=3, stride=1,
padding=1)   [1, 1, 5, 5] -> [1, 1, 5, 5]), the step ("Step 1 of 25") and
its output element, the step's expression and the op counts; in a GIF each
frame has the text of its step. --lang zh (any mode) writes the captions and
the text in Chinese; PyTorch's names stay as they are. Options count steps
from 0 (as explain does); the pictures and file names count from 1, as the
window shows them (--step 0 is "Step 1 of 25", conv_..._step001.png). --theme light is the
white background for print. --all-steps writes conv_k3_s1_p1_step001.png
... into DIR (made if missing): k, s and p always, then every field that
differs from nn.Conv2d's defaults and the input's size when not 5x5
(conv_k3_s1_p1_reflect_d2_g2_nobias_c2to2_n2_in7x7_step001.png), so lessons
with different layers exported into one folder do not overwrite each other.
--reveal leaves outputs not reached yet blank. The GIF stores only the
rectangle that changed per frame: a viewer that does not composite frames
shows them cut; `convert anim.gif -coalesce frames.gif` makes whole frames.
--layout OUT.json (with --step) also writes what every cell of the picture
shows, as the window's --layout does. --threads N sizes the engine's pool.
It needs OpenGL: on a machine without a display run it under xvfb-run.
On bad input: exit status 2, one line on stderr, no file written.
)";

constexpr const char* kBenchHelp = R"(Usage:
  convviz bench --config C.json --input-shape N,C,H,W [--threads T] [--repeat R]
                [--warmup W] [--json] [--explain] [--engine fast|reference]
  convviz bench --shapes FILE.json [--threads T] [--repeat R] [--warmup W]
                [--json] [--explain] [--engine fast|reference]
  convviz bench --peak [--threads T] [--json]

Times the engine alone: tensors already in memory (random data), output
preallocated. Prints the median and minimum milliseconds per call over R
repeats (default 30, after W warm-up calls, default 5), GFLOP/s with
FLOPs = 2·MACs, the algorithm and the workspace it used.
  --json      one JSON object per shape: {"name", "median_ms", "min_ms",
              "gflops", "algorithm", "threads", "workspace_bytes", ...}
  --explain   the plan: algorithm, microkernel tile, input layout, task
              split and workspace bytes
  --threads   default $CONVVIZ_THREADS, else every hardware thread
  --peak      the machine's peak FP32 FMA throughput on T threads, measured
              with a register-only loop on the engine's SIMD target
)";

}  // namespace

const std::vector<CommandHelp>& commands() {
  static const std::vector<CommandHelp> all = {
      {"",
       "opens the window",
       kWindowHelp,
       {{"preset", true},
        {"session", true},
        {"step", true},
        {"lang", true},
        {"text-scale", true},
        {"theme", true},
        {"window-size", true},
        {"screenshot", true},
        {"dump-layout", true, true},
        {"layout", true},
        {"no-restore", false},
        {"restore", false},
        {"report-timing", false, true},
        {"threads", true},
        {"image", true},
        {"grayscale", false},
        {"grid", true},
        {"region", true},
        {"kernel", true},
        {"products", true},
        {"reveal", false}},
       "FILE"},
      {"compute", "computes the layer's output as .npy", kComputeHelp,
       with_session_options(
           {{"output", true}, {"ops-json", true}, {"engine", true}, {"help", false, true}})},
      {"explain", "explains one output element, product by product", kExplainHelp,
       with_session_options({{"step", true}, {"json", false}, {"help", false, true}})},
      {"export",
       "draws steps as PNG pictures or a GIF for slides",
       kExportHelp,
       {{"session", true},
        {"preset", true},
        {"step", true},
        {"out", true},
        {"scale", true},
        {"theme", true},
        {"with-text", false},
        {"all-steps", false},
        {"from", true},
        {"to", true},
        {"gif", true},
        {"fps", true},
        {"reveal", false},
        {"dump-layout", true, true},
        {"layout", true},
        {"threads", true},
        {"lang", true},
        {"help", false, true}}},
      {"bench",
       "times the engine",
       kBenchHelp,
       {{"config", true},
        {"input-shape", true},
        {"shapes", true},
        {"threads", true},
        {"repeat", true},
        {"warmup", true},
        {"json", false},
        {"explain", false},
        {"engine", true},
        {"peak", false},
        {"help", false, true}}},
  };
  return all;
}

const CommandHelp& command_help(std::string_view name) {
  for (const CommandHelp& c : commands()) {
    if (c.name == name) return c;
  }
  return commands().front();
}

}  // namespace convviz
