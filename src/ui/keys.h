#pragma once
// Key codes as Dear ImGui 1.86 sees them: the GLFW backend indexes
// io.KeysDown by GLFW's key codes, so these equal GLFW_KEY_*. The headless
// UI tests press the same codes.
namespace convviz::ui::keys {

inline constexpr int kSpace = 32;
inline constexpr int kMinus = 45;
inline constexpr int kEqual = 61;
inline constexpr int kE = 69;
inline constexpr int kO = 79;
inline constexpr int kI = 73;
inline constexpr int kP = 80;
inline constexpr int kQ = 81;
inline constexpr int kS = 83;
inline constexpr int kY = 89;
inline constexpr int kZ = 90;
inline constexpr int kEscape = 256;
inline constexpr int kEnter = 257;
inline constexpr int kTab = 258;
inline constexpr int kBackspace = 259;
inline constexpr int kDelete = 261;
inline constexpr int kRight = 262;
inline constexpr int kLeft = 263;
inline constexpr int kDown = 264;
inline constexpr int kUp = 265;
inline constexpr int kHome = 268;
inline constexpr int kEnd = 269;
inline constexpr int kF11 = 300;
inline constexpr int kKeypadSubtract = 333;
inline constexpr int kKeypadAdd = 334;
inline constexpr int kKeypadEnter = 335;
inline constexpr int kLeftShift = 340;
inline constexpr int kLeftControl = 341;

}  // namespace convviz::ui::keys
