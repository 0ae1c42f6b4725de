// The fuzz build compiles Debian's own stb_image.h (unmodified, not a copy)
// instead of linking libstb.so, so that the decoder is instrumented: libFuzzer
// then sees coverage inside it, and ASan/UBSan check it.
#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>
