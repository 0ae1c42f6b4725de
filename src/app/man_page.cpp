// The manual page, rendered from the same help texts --help prints: their
// layout (a "Usage:" block, "  --option  text" lines with indented
// continuations, indented examples, paragraphs) maps onto man(7) macros.
#include <sstream>

#include "app/command_help.h"

namespace convviz {
namespace {

// roff: a backslash is \e, a hyphen in an option is \-, and a line may not
// start with a control character.
std::string roff(std::string_view text) {
  std::string out;
  for (const char ch : text) {
    if (ch == '\\') {
      out += "\\e";
    } else if (ch == '-') {
      out += "\\-";
    } else {
      out += ch;
    }
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    lines.push_back(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
  }
  return lines;
}

size_t indent_of(std::string_view line) {
  const size_t first = line.find_first_not_of(' ');
  return first == std::string_view::npos ? line.size() : first;
}

// "  --option   what it does" (or "  FILE   ..."): the name and where its text starts.
bool option_line(std::string_view line, std::string_view& name, std::string_view& text) {
  if (indent_of(line) != 2) return false;
  const std::string_view rest = line.substr(2);
  if (rest.rfind("--", 0) != 0 && rest.rfind("FILE ", 0) != 0) return false;
  const size_t gap = rest.find("  ");
  if (gap == std::string_view::npos) return false;
  name = rest.substr(0, gap);
  const size_t start = rest.find_first_not_of(' ', gap);
  text = start == std::string_view::npos ? std::string_view{} : rest.substr(start);
  return true;
}

// One help text: its "Usage:" block verbatim, its options as tagged
// paragraphs, indented lines as examples, the rest as filled paragraphs.
void render_help(std::ostream& out, std::string_view text) {
  const std::vector<std::string_view> lines = lines_of(text);
  size_t i = 0;
  while (i < lines.size()) {
    std::string_view line = lines[i];
    std::string_view name, first;
    if (line.rfind("Usage:", 0) == 0) {
      out << ".PP\n.nf\n";
      for (++i; i < lines.size() && !lines[i].empty(); ++i) out << roff(lines[i].substr(2)) << "\n";
      out << ".fi\n";
    } else if (option_line(line, name, first)) {
      out << ".TP\n.B " << roff(name) << "\n" << roff(first) << "\n";
      for (++i; i < lines.size() && indent_of(lines[i]) > 4 && !lines[i].empty(); ++i) {
        out << roff(lines[i].substr(indent_of(lines[i]))) << "\n";
      }
    } else if (line.empty()) {
      out << ".PP\n";
      ++i;
    } else if (indent_of(line) > 0) {
      out << ".IP\n.nf\n";
      for (; i < lines.size() && indent_of(lines[i]) > 0 && !lines[i].empty() &&
             !option_line(lines[i], name, first);
           ++i) {
        out << roff(lines[i].substr(indent_of(lines[i]))) << "\n";
      }
      out << ".fi\n.PP\n";
    } else {
      // A paragraph after a list of options starts anew, not inside the last one.
      if (i > 0 && option_line(lines[i - 1], name, first)) out << ".PP\n";
      if (i > 0 && indent_of(lines[i - 1]) > 4) out << ".PP\n";
      out << roff(line) << "\n";
      ++i;
    }
  }
}

constexpr const char* kTail = R"(.SH FILES
.TP
.I ~/.config/convviz/settings.json
the window's settings: language, theme, text size, playback
.TP
.I ~/.config/convviz/last_session.json
the session the window reopens on start
.PP
The folder is \fB$CONVVIZ_CONFIG_DIR\fR, else \fB$XDG_CONFIG_HOME/convviz\fR, else
\fI~/.config/convviz\fR. A file there that cannot be read is renamed to \fI*.bad\fR and the
window opens with the defaults. The sample pictures (File \(-> Sample pictures) are in
\fIshare/convviz/\fR beside the installed binary.
.SH ENVIRONMENT
.TP
.B CONVVIZ_THREADS
the engine's threads when \fB\-\-threads\fR is not given (default: every hardware thread)
.TP
.B CONVVIZ_CONFIG_DIR
the folder of the settings and the last session
.SH EXIT STATUS
0 on success; 2 on bad input (one line on standard error naming the problem, and no file
written); 1 on an internal error; 128 plus the signal's number when interrupted by SIGINT,
SIGTERM or SIGHUP (what was being written is removed).
.SH SEE ALSO
PyTorch's torch.nn.Conv2d, whose semantics ConvViz follows field for field.
)";

}  // namespace

std::string man_page(std::string_view version, std::string_view date, std::string_view presets) {
  std::ostringstream out;
  const CommandHelp& window = command_help("");
  const std::vector<std::string_view> lines = lines_of(window.text);
  std::string_view title = lines.front();  // "ConvViz: 2D convolution ..."
  title.remove_prefix(title.find(": ") + 2);
  if (title.ends_with('.')) title.remove_suffix(1);
  out << ".TH CONVVIZ 1 \"" << date << "\" \"ConvViz " << version << "\" \"User Commands\"\n"
      << ".SH NAME\nconvviz \\- " << roff(title) << "\n.SH SYNOPSIS\n";
  const std::string_view usage = window.text.substr(window.text.find("Usage:"));
  const size_t usage_end = usage.find("\n\n");
  render_help(out, usage.substr(0, usage_end + 1));
  out << ".SH DESCRIPTION\nWithout a command, convviz opens the window. The commands:\n";
  for (const CommandHelp& c : commands()) {
    if (!c.name.empty()) out << ".TP\n.B convviz " << c.name << "\n" << roff(c.summary) << "\n";
  }
  out << ".PP\nPresets: " << roff(presets) << ".\n";
  out << ".SH \"THE WINDOW\"\n";
  std::string_view window_options = usage.substr(usage_end + 2);  // past "The window:"
  window_options.remove_prefix(window_options.find('\n') + 1);
  render_help(out, window_options);
  for (const CommandHelp& c : commands()) {
    if (c.name.empty()) continue;
    out << ".SH \"convviz " << c.name << "\"\n";
    render_help(out, c.text);
  }
  out << kTail;
  return out.str();
}

}  // namespace convviz
