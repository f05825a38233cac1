#include "http/multipart.h"

#include <gtest/gtest.h>

#include "domain/file_types.h"

using namespace luodi;
using namespace luodi::http;

TEST(Multipart, ParsesFileAndFieldParts) {
  auto b = multipart_boundary("multipart/form-data; boundary=----XyZ");
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(*b, "----XyZ");
  std::string body =
      "------XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
      "------XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"笔记.png\"\r\nContent-Type: image/png\r\n\r\n"
      "\x89PNG\r\n\x1A\nrest\r\n------XyZ--\r\n";
  auto parts = parse_multipart(body, *b);
  ASSERT_TRUE(parts.has_value());
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "note");
  EXPECT_EQ((*parts)[0].body, "hello");
  EXPECT_EQ((*parts)[1].filename, "笔记.png");
  EXPECT_EQ((*parts)[1].content_type, "image/png");
  EXPECT_EQ(sniff_file_kind((*parts)[1].body)->content_type, "image/png");
}

TEST(Multipart, RejectsMalformedBodies) {
  EXPECT_FALSE(multipart_boundary("application/json").has_value());
  EXPECT_FALSE(parse_multipart("no delimiter here", "abc").has_value());
  EXPECT_FALSE(parse_multipart("--abc\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nunterminated", "abc").has_value());
}

TEST(FileTypes, SniffsByContentNotName) {
  EXPECT_EQ(sniff_file_kind("\xFF\xD8\xFF\xE0....")->content_type, "image/jpeg");
  EXPECT_EQ(sniff_file_kind(std::string("RIFF\x10\0\0\0WEBPVP8 ", 16))->content_type, "image/webp");
  EXPECT_EQ(sniff_file_kind(std::string("\0\0\0\x18" "ftypheic\0\0\0\0", 16))->content_type, "image/heic");
  EXPECT_EQ(sniff_file_kind("%PDF-1.7\n")->content_type, "application/pdf");
  EXPECT_FALSE(sniff_file_kind("just some text pretending to be a jpg").has_value());
  EXPECT_FALSE(sniff_file_kind("").has_value());
}
