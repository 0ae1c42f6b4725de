#include "render/picture_header.h"

#include <algorithm>
#include <limits>
#include <string>

#include "core/io/spec_json.h"

namespace convviz::render {
namespace {

using namespace std::string_view_literals;
using Bytes = std::string_view;

// Bytes a valid file may carry after what its header describes: an ICC
// profile behind a BMP's pixels (a V5 header's own, usually a few KiB), a
// TGA 2.0 extension area and footer (521 bytes), padding some writers add.
constexpr uint64_t kTrailerBytes = uint64_t{1} << 20;
// Metadata a compressed picture may carry beside its pixels: EXIF with a
// thumbnail, ICC profiles, XMP and text chunks are at most a few MiB.
constexpr uint64_t kMetadataBytes = uint64_t{16} << 20;
// Compressed pixels are at most this many times their raw size. Deflate's
// stored blocks add 5 bytes per 64 KiB; baseline JPEG's worst case is a
// 16-bit Huffman code and 11 magnitude bits for every coefficient, 27 bits
// per sample; GIF's 12-bit LZW codes take at most 1.5 bytes per pixel.
constexpr uint64_t kCompressedFactor = 4;
// ConvViz decodes a GIF's first frame, but the file holds them all: allow
// an animation of this many full frames.
constexpr uint64_t kGifFrames = 256;

uint32_t u8(Bytes b, size_t at) { return static_cast<unsigned char>(b[at]); }
uint32_t le16(Bytes b, size_t at) { return u8(b, at) | u8(b, at + 1) << 8; }
uint32_t le32(Bytes b, size_t at) { return le16(b, at) | le16(b, at + 2) << 16; }
uint32_t be16(Bytes b, size_t at) { return u8(b, at) << 8 | u8(b, at + 1); }
uint32_t be32(Bytes b, size_t at) { return be16(b, at) << 16 | be16(b, at + 2); }

// Sizes from a header can be anything up to 2^32 per field: saturate
// instead of wrapping, so a huge claim stays huge.
uint64_t mul(uint64_t a, uint64_t b) {
  uint64_t product = 0;
  return __builtin_mul_overflow(a, b, &product) ? std::numeric_limits<uint64_t>::max() : product;
}
uint64_t add(uint64_t a, uint64_t b) {
  return a > std::numeric_limits<uint64_t>::max() - b ? std::numeric_limits<uint64_t>::max()
                                                      : a + b;
}

std::string num(uint64_t n) { return std::to_string(n); }
std::string hex(uint32_t byte) {
  const char* digits = "0123456789ABCDEF";
  return {digits[byte >> 4 & 15], digits[byte & 15]};
}

Error truncated(const std::string& where, uint64_t missing, bool at_least) {
  return Error{"is truncated: " + where + " (" + (at_least ? "at least " : "") + num(missing) +
               (missing == 1 ? " byte is" : " bytes are") + " missing)"};
}
Error truncated_header(const char* format, size_t have, size_t need) {
  return truncated("the file ends inside its " + std::string(format) + " header, after " +
                       num(have) + " of its " + num(need) + " bytes",
                   need - have, true);
}
Error damaged(const std::string& why) { return Error{"is damaged: " + why}; }
Error unsupported(const std::string& what, const char* instead) {
  return Error{"is " + what + ", which ConvViz does not read; " + instead};
}

// The compressed formats' bound: a few times the raw pixels plus metadata.
uint64_t compressed_bound(uint64_t raw_bytes) {
  return add(mul(raw_bytes, kCompressedFactor), kMetadataBytes);
}

Error not_a_picture_because(const std::string& looks_like) {
  return Error{"is not a picture ConvViz can read: " + looks_like +
               "; ConvViz reads PNG, JPEG, BMP, GIF and TGA"};
}

// ---- PNG: signature, then IHDR (width, height, depth, colour type).

Result<PictureHeader> png_header(Bytes b) {
  constexpr size_t kNeed = 8 + 8 + 13;  // signature, IHDR's length and type, its fields
  if (b.size() < kNeed) return truncated_header("PNG", b.size(), kNeed);
  if (b.substr(12, 4) != "IHDR") return damaged("its first chunk is not IHDR");
  const int64_t width = be32(b, 16), height = be32(b, 20);
  const uint32_t depth = u8(b, 24), colour_type = u8(b, 25);
  const uint32_t channels[7] = {1, 0, 3, 1, 2, 0, 4};  // grey, -, RGB, palette, grey+alpha, -, RGBA
  if (colour_type > 6 || channels[colour_type] == 0 || depth == 0 || depth > 16) {
    return damaged("its IHDR chunk has colour type " + num(colour_type) + " at depth " +
                   num(depth));
  }
  // Each row is a filter byte and its pixels' bits rounded up to bytes.
  const uint64_t row = 1 + (mul(uint64_t(width), channels[colour_type] * depth) + 7) / 8;
  return PictureHeader{PictureFormat::Png, width, height, kNeed,
                       compressed_bound(mul(row, uint64_t(height)))};
}

// Chunk by chunk to IEND: stb needs every chunk, as the PNG standard does.
Status png_complete(Bytes b) {
  for (size_t pos = 8;;) {
    if (b.size() < pos + 8) {
      return truncated("the file ends between its chunks, before IEND", pos + 12 - b.size(), true);
    }
    const uint64_t end = uint64_t(pos) + 12 + be32(b, pos);    // length, type, data, CRC
    const std::string type = printable(b.substr(pos + 4, 4));  // any 4 bytes, in a message
    if (type == "IEND" && end <= b.size()) return std::nullopt;
    if (end > b.size()) {
      return truncated("the file ends inside its " + type + " chunk", end - b.size(), true);
    }
    pos = size_t(end);
  }
}

// ---- JPEG: a chain of marker segments; after each scan, entropy-coded data
// in which FF is always followed by 00 or a restart marker.

struct JpegStep {
  uint32_t marker = 0;
  size_t payload = 0;          // the segment's first byte after its length
  size_t next = 0;             // the next marker (past a scan's coded data)
  uint64_t missing = 0;        // > 0 when the bytes end first: how many more at least
  bool in_coded_data = false;  // they end after the scan's header
};

bool jpeg_standalone(uint32_t marker) {
  return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD9);  // TEM, RSTn, SOI, EOI
}

// The FF of the first marker after a scan's coded data, or npos.
size_t after_coded_data(Bytes b, size_t pos) {
  for (pos = b.find('\xFF', pos); pos != Bytes::npos && pos + 1 < b.size();
       pos = b.find('\xFF', pos + 1)) {
    const uint32_t next = u8(b, pos + 1);
    if (next != 0x00 && !(next >= 0xD0 && next <= 0xD7)) return pos;
  }
  return Bytes::npos;
}

Result<JpegStep> jpeg_step(Bytes b, size_t pos) {
  JpegStep step;
  pos = b.find('\xFF', pos);  // stb skips stray bytes between segments; so does this walk
  if (pos == Bytes::npos) return JpegStep{0, 0, b.size(), 2};  // at least a marker
  while (pos < b.size() && u8(b, pos) == 0xFF) ++pos;          // fill bytes
  if (pos >= b.size()) return JpegStep{0, 0, 0, 1};
  step.marker = u8(b, pos++);
  step.next = pos;
  if (jpeg_standalone(step.marker)) return step;
  if (pos + 2 > b.size()) return JpegStep{step.marker, 0, 0, pos + 2 - b.size()};
  if (be16(b, pos) < 2) return damaged("marker " + hex(step.marker) + " has a length below 2");
  step.payload = pos + 2;
  step.next = pos + be16(b, pos);
  if (step.next > b.size()) step.missing = step.next - b.size();
  if (step.missing == 0 && step.marker == 0xDA) {
    step.next = after_coded_data(b, step.next);
    step.in_coded_data = step.next == Bytes::npos;
    if (step.in_coded_data) step.missing = 2;  // at least the end-of-image marker
  }
  return step;
}

bool jpeg_frame_marker(uint32_t m) {
  return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;  // not DHT, JPG, DAC
}

Result<PictureHeader> jpeg_frame(Bytes b, const JpegStep& step) {
  if (step.marker > 0xC2) {  // stb reads baseline, extended and progressive Huffman JPEGs
    const char* kind = step.marker == 0xC3  ? "a lossless JPEG"
                       : step.marker < 0xC8 ? "a hierarchical JPEG"
                                            : "an arithmetic-coded JPEG";
    return unsupported(kind, "save it as a baseline JPEG or a PNG");
  }
  if (step.next < step.payload + 6) return damaged("its frame header is too short");
  const int64_t height = be16(b, step.payload + 1), width = be16(b, step.payload + 3);
  const uint64_t components = u8(b, step.payload + 5);
  if (width == 0 || height == 0 || components == 0) {
    return damaged("its frame header says the picture is " + size_text(width, height) + " with " +
                   num(components) + " components");
  }
  return PictureHeader{PictureFormat::Jpeg, width, height, 4,
                       compressed_bound(mul(mul(uint64_t(width), uint64_t(height)), components))};
}

// Segments up to the frame header (SOFn) that holds the size; when the bytes
// end first (a head shorter than the metadata), the size is not known yet.
Result<PictureHeader> jpeg_header(Bytes b) {
  if (b.size() < 4) return truncated_header("JPEG", b.size(), 4);
  for (size_t pos = 2;;) {
    Result<JpegStep> step = jpeg_step(b, pos);
    if (!step) return step.error();
    if (step->missing > 0) {
      return PictureHeader{PictureFormat::Jpeg, 0, 0, 4, std::numeric_limits<uint64_t>::max()};
    }
    if (jpeg_frame_marker(step->marker)) return jpeg_frame(b, *step);
    if (step->marker == 0xDA || step->marker == 0xD9) {
      return damaged("it has no frame header (SOF) before its image data");
    }
    pos = step->next;
  }
}

// stb_image 2.27 (Debian 12's) writes past its tables for a Huffman table
// of more than 256 codes (2.28 refuses it): refused here, before stb. The
// walk reads tables as stb does, while any of the segment's length is left,
// even when the last table then runs past the segment's end.
Status check_huffman_tables(Bytes b, const JpegStep& dht) {
  for (size_t pos = dht.payload; pos < dht.next;) {
    uint64_t codes = 0;
    for (size_t i = pos + 1; i <= pos + 16 && i < b.size(); ++i) codes += u8(b, i);
    if (codes > 256) {
      return damaged("a Huffman table (DHT) lists " + num(codes) +
                     " codes; a table has at most 256");
    }
    pos += 17 + codes;
  }
  return std::nullopt;
}

// Segment by segment, over each scan's coded data, to the end-of-image marker.
Status jpeg_complete(Bytes b) {
  for (size_t pos = 2;;) {
    Result<JpegStep> step = jpeg_step(b, pos);
    if (!step) return step.error();
    if (step->marker == 0xD9) return std::nullopt;
    if (step->marker == 0xC4 && step->missing == 0) {
      if (Status bad = check_huffman_tables(b, *step)) return bad;
    }
    if (step->missing > 0) {
      const std::string where = step->in_coded_data ? "inside its image data, before the"
                                                      " end-of-image marker"
                                : step->marker == 0 ? "before its end-of-image marker"
                                                    : "inside its segment " + hex(step->marker);
      return truncated("the file ends " + where, step->missing, true);
    }
    pos = step->next;
  }
}

// ---- BMP: file header, info header, then rows padded to 4 bytes.

bool bmp_info_size(uint32_t size) {
  return size == 12 || size == 40 || size == 56 || size == 108 || size == 124;
}

Status bmp_refusal(uint32_t compression, uint32_t bpp, uint32_t planes) {
  const char* instead = "save it as an uncompressed BMP or a PNG";
  if (compression == 1 || compression == 2) return unsupported("an RLE-compressed BMP", instead);
  if (compression == 4) return unsupported("a JPEG inside a BMP", "save it as a JPEG");
  if (compression == 5) return unsupported("a PNG inside a BMP", "save it as a PNG");
  if (compression > 5) return unsupported("a BMP with compression " + num(compression), instead);
  if (bpp != 1 && bpp != 4 && bpp != 8 && bpp != 16 && bpp != 24 && bpp != 32) {
    return unsupported("a BMP with " + num(bpp) + " bits per pixel", instead);
  }
  if (compression == 3 && bpp != 16 && bpp != 32) {
    return damaged("its colour masks need 16 or 32 bits per pixel, not " + num(bpp));
  }
  if (planes != 1) return damaged("its header says " + num(planes) + " colour planes, not 1");
  return std::nullopt;
}

Result<PictureHeader> bmp_header(Bytes b) {
  if (b.size() < 18) return truncated_header("BMP", b.size(), 18);
  const uint32_t info = le32(b, 14);
  if (info == 16 || info == 52 || info == 64) {
    return unsupported("a BMP with an OS/2 or V2/V3 header (" + num(info) + " bytes)",
                       "save it as a Windows BMP or a PNG");
  }
  if (!bmp_info_size(info)) {
    return not_a_picture_because("it starts like a BMP, but with a " + num(info) + "-byte header");
  }
  if (b.size() < 14 + info) return truncated_header("BMP", b.size(), 14 + info);
  const bool core = info == 12;  // OS/2 1.x: 16-bit sizes, no compression field
  const int64_t width = core ? le16(b, 18) : int32_t(le32(b, 18));
  const int64_t height = core ? le16(b, 20) : int32_t(le32(b, 22));  // < 0: rows top-down
  const uint32_t planes = le16(b, core ? 22 : 26), bpp = le16(b, core ? 24 : 28);
  if (Status refused = bmp_refusal(core ? 0 : le32(b, 30), bpp, planes)) return *refused;
  if (width <= 0 || height == 0) {
    return damaged("its header says the picture is " + size_text(width, height));
  }
  const uint64_t offset = le32(b, 10), rows = uint64_t(height < 0 ? -height : height);
  if (offset < 14 + info) return damaged("its pixels would start inside its header");
  const uint64_t stride = (mul(uint64_t(width), bpp) + 31) / 32 * 4;
  // The last row's padding is never read, so a file may end without it.
  const uint64_t last_row = (mul(uint64_t(width), bpp) + 7) / 8;
  const uint64_t end = add(offset, add(mul(stride, rows - 1), last_row));
  return PictureHeader{PictureFormat::Bmp, width, int64_t(rows), end, add(end, kTrailerBytes)};
}

// ---- GIF: header, logical screen, global colours, then blocks.

uint64_t gif_colour_table(uint32_t flags) { return flags & 0x80 ? 3u * (2u << (flags & 7)) : 0; }

Result<PictureHeader> gif_header(Bytes b) {
  if (b.size() < 13) return truncated_header("GIF", b.size(), 13);
  const int64_t width = le16(b, 6), height = le16(b, 8);
  if (width == 0 || height == 0) {
    return damaged("its header says the picture is " + size_text(width, height));
  }
  const uint64_t frame = mul(uint64_t(width), uint64_t(height));
  return PictureHeader{PictureFormat::Gif, width, height, 13 + gif_colour_table(u8(b, 10)),
                       add(mul(mul(frame, 2), kGifFrames), kMetadataBytes)};
}

// Sub-blocks (a length byte, that many bytes) up to an empty one; returns
// the position after it, or how many bytes are missing at least.
Result<size_t> gif_sub_blocks(Bytes b, size_t pos, const std::string& what) {
  while (pos < b.size() && u8(b, pos) != 0) pos += 1 + u8(b, pos);
  if (pos < b.size()) return pos + 1;
  return truncated("the file ends inside " + what, pos - b.size() + 1, true);
}

// Blocks up to the end of the first image's LZW data, all stb decodes.
Status gif_complete(Bytes b) {
  size_t pos = 13 + gif_colour_table(u8(b, 10));
  while (pos < b.size()) {
    const uint32_t block = u8(b, pos);
    if (block == 0x3B) return Error{"has no frames: its trailer comes before any image"};
    if (block == 0x21) {  // extension: label, then sub-blocks
      Result<size_t> next = gif_sub_blocks(b, pos + 2, "an extension block");
      if (!next) return next.error();
      pos = *next;
      continue;
    }
    if (block != 0x2C) {
      return damaged("byte " + num(pos) + " should start a GIF block (21, 2C or 3B) but is " +
                     hex(block));
    }
    const size_t data = pos + 10 + gif_colour_table(pos + 9 < b.size() ? u8(b, pos + 9) : 0);
    if (data + 1 > b.size()) {
      return truncated("the file ends inside its first image's header", data + 2 - b.size(), true);
    }
    Result<size_t> end = gif_sub_blocks(b, data + 1, "its first image's data");  // after LZW size
    return end ? Status{} : Status{end.error()};
  }
  return truncated("the file ends before its first image", 12, true);
}

// ---- TGA: no magic; stb recognises it by a plausible 18-byte header.

struct TgaLayout {
  uint64_t data = 0;         // where the pixels start
  uint64_t pixel_bytes = 0;  // per pixel (or per colour index)
  uint64_t pixels = 0;
  bool rle = false;
};

bool tga_depth(uint32_t bits) {
  return bits == 8 || bits == 15 || bits == 16 || bits == 24 || bits == 32;
}

bool looks_like_tga(Bytes b) {
  if (b.size() < 18 || u8(b, 1) > 1) return false;
  const bool indexed = u8(b, 1) == 1;
  const uint32_t type = u8(b, 2), bits = u8(b, 16);
  if (indexed && type != 1 && type != 9) return false;
  if (!indexed && type != 2 && type != 3 && type != 10 && type != 11) return false;
  if (indexed && (!tga_depth(u8(b, 7)) || (bits != 8 && bits != 16))) return false;
  return tga_depth(bits) && le16(b, 12) > 0 && le16(b, 14) > 0;
}

// stb skips the id, then (for a colour-mapped picture) as many bytes as the
// first entry's index and the map's entries, then reads the pixels.
TgaLayout tga_layout(Bytes b) {
  TgaLayout layout;
  const uint64_t map = u8(b, 1) == 1 ? le16(b, 3) + uint64_t(le16(b, 5)) * ((u8(b, 7) + 7) / 8) : 0;
  layout.data = 18 + u8(b, 0) + map;
  layout.pixel_bytes = (u8(b, 16) + 7) / 8;
  layout.pixels = uint64_t(le16(b, 12)) * le16(b, 14);
  layout.rle = u8(b, 2) >= 9;
  return layout;
}

// An RLE packet covers at most 128 pixels with a count byte and a pixel.
uint64_t tga_rle_least(const TgaLayout& t, uint64_t pixels) {
  return (pixels + 127) / 128 * (1 + t.pixel_bytes);
}

Result<PictureHeader> tga_header(Bytes b) {
  const TgaLayout t = tga_layout(b);
  const uint64_t least = t.rle ? tga_rle_least(t, t.pixels) : t.pixels * t.pixel_bytes;
  const uint64_t most = t.rle ? t.pixels * (1 + t.pixel_bytes) : least;  // a packet per pixel
  return PictureHeader{PictureFormat::Tga, le16(b, 12), le16(b, 14), t.data + least,
                       t.data + most + kTrailerBytes};
}

// Packet by packet: a count byte, then one pixel (a run) or count pixels.
Status tga_rle_complete(Bytes b) {
  const TgaLayout t = tga_layout(b);
  uint64_t pos = t.data, covered = 0;
  while (covered < t.pixels && pos < b.size()) {
    const uint32_t packet = u8(b, size_t(pos));
    covered += 1 + (packet & 127);
    pos += 1 + (packet & 0x80 ? 1 : 1 + (packet & 127)) * t.pixel_bytes;
  }
  if (pos <= b.size() && covered >= t.pixels) return std::nullopt;
  const uint64_t rest = covered < t.pixels ? tga_rle_least(t, t.pixels - covered) : 0;
  return truncated("the file ends inside its run-length coded pixels",
                   (pos > b.size() ? pos - b.size() : 0) + rest, true);
}

// ---- Anything else: say what it looks like.

std::string looks_like(Bytes b) {
  struct Magic {
    Bytes bytes;
    size_t at;
    const char* what;
  };
  static const Magic kMagics[] = {
      {"%PDF"sv, 0, "a PDF document"},
      {"PK\x03\x04"sv, 0, "a ZIP archive"},
      {"\x93NUMPY"sv, 0, "a .npy array (give it with --input)"},
      {"WEBP"sv, 8, "a WebP picture"},
      {"II*\0"sv, 0, "a TIFF picture"},
      {"MM\0*"sv, 0, "a TIFF picture"},
      {"ftyp"sv, 4, "a HEIF/AVIF picture or a video"},
      {"8BPS"sv, 0, "a Photoshop document"},
      {"\x1f\x8b"sv, 0, "a gzip archive"},
      {"\x7f"
       "ELF"sv,
       0, "a program"},
      {"#?RADIANCE"sv, 0, "a Radiance HDR picture"},
      {"\0\0\x01\0"sv, 0, "a Windows icon (.ico)"},
  };
  for (const Magic& m : kMagics) {
    if (b.substr(std::min(m.at, b.size())).starts_with(m.bytes))
      return "it is " + std::string(m.what);
  }
  if (b.empty()) return "the file is empty";
  const Bytes head = b.substr(0, 4096);
  if (std::all_of(head.begin(), head.end(), [](char c) { return c == 0; })) {
    return "it starts with " + num(head.size()) + " zero bytes";
  }
  if (std::all_of(head.begin(), head.end(), [](char c) {
        return static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\r' || c == '\t';
      })) {
    Bytes line = head.substr(0, std::min(head.find_first_of("\r\n"), size_t(24)));
    // Never cut a UTF-8 character in two.
    while (!line.empty() && line.size() < head.size() && (u8(head, line.size()) & 0xC0) == 0x80) {
      line.remove_suffix(1);
    }
    return "it looks like text (\"" + std::string(line) + (line.size() < head.size() ? "…" : "") +
           "\")";
  }
  std::string first;
  for (size_t i = 0; i < std::min(b.size(), size_t(4)); ++i) first += " " + hex(u8(b, i));
  return "it starts with the bytes" + first;
}

// The magic, or as much of it as a file this short holds.
bool has_magic(Bytes b, Bytes magic) {
  return b.size() >= 2 && magic.substr(0, b.size()) == b.substr(0, magic.size());
}

}  // namespace

Result<PictureHeader> read_picture_header(std::string_view head) {
  if (has_magic(head, "\x89PNG\r\n\x1a\n")) return png_header(head);
  if (has_magic(head, "\xFF\xD8\xFF")) return jpeg_header(head);
  if (has_magic(head, "BM")) return bmp_header(head);
  if (has_magic(head, "GIF87a") || has_magic(head, "GIF89a")) return gif_header(head);
  if (looks_like_tga(head)) return tga_header(head);
  return not_a_picture_because(looks_like(head));
}

Status check_picture_complete(const PictureHeader& header, std::string_view file) {
  if (file.size() < header.min_file_bytes) {
    const bool exact = header.format == PictureFormat::Bmp ||
                       (header.format == PictureFormat::Tga && !tga_layout(file).rle);
    return truncated("its header describes " + size_text(header.width, header.height) +
                         " pixels in " + (exact ? "" : "at least ") + num(header.min_file_bytes) +
                         " bytes, but the file has " + num(file.size()),
                     header.min_file_bytes - file.size(), !exact);
  }
  switch (header.format) {
    case PictureFormat::Png:
      return png_complete(file);
    case PictureFormat::Jpeg:
      return jpeg_complete(file);
    case PictureFormat::Gif:
      return gif_complete(file);
    case PictureFormat::Tga:
      return tga_layout(file).rle ? tga_rle_complete(file) : Status{};
    case PictureFormat::Bmp:
      return std::nullopt;
  }
  return std::nullopt;
}

std::string size_text(int64_t width, int64_t height) {
  return std::to_string(width) + "×" + std::to_string(height);
}

}  // namespace convviz::render
