#include "app/file_service.h"

#include "app/access.h"
#include "app/audit_service.h"
#include "app/crypto.h"
#include "core/encoding.h"
#include "core/units.h"
#include "domain/file_types.h"

namespace luodi {

Result<StoredFile> FileService::upload(const Principal& p, const std::string& raw_name, std::string_view bytes) {
  if (bytes.size() > options_.max_bytes)
    return Error::make(ErrorCode::kPayloadTooLarge, "文件不能超过 " + format_size(options_.max_bytes),
                       "Files may not exceed " + format_size(options_.max_bytes));
  if (bytes.empty()) return Error::validation("file", "文件为空", "The file is empty");
  auto kind = sniff_file_kind(bytes);
  if (!kind)
    return Error::named(ErrorCode::kUnsupportedMediaType, "unsupported_file_type", "只支持 JPEG、PNG、WebP、HEIC 图片和 PDF 文件",
                        "Only JPEG, PNG, WebP, HEIC images and PDF files are accepted");
  std::string name = trim(raw_name);
  if (!is_valid_utf8(name) || name.empty()) name = "file." + kind->extension;
  if (utf8_length(name) > 200) name = "file." + kind->extension;
  for (char& c : name)
    if (c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20) c = '_';

  StoredFile f;
  f.tenant_id = p.tenant_id;
  f.owner_user_id = p.user_id;
  f.name = name;
  f.content_type = kind->content_type;
  f.size = static_cast<std::int64_t>(bytes.size());
  if (kind->image) {
    std::string thumb = thumbs_.thumbnail(bytes, options_.thumbnail_side);
    if (!thumb.empty()) {
      std::string sha = blobs_.put(thumb);
      if (!sha.empty()) f.thumbnail_sha256 = sha;
    } else if (kind->content_type != "image/heic") {
      // A JPEG/PNG/WebP header on bytes that do not decode: refuse it. (HEIC
      // decoding depends on the platform's codecs, so it is kept without a preview.)
      return Error::named(ErrorCode::kUnsupportedMediaType, "unsupported_file_type", "图片已损坏或格式不受支持",
                          "The image is damaged or not a supported format");
    }
  }
  f.sha256 = blobs_.put(bytes);
  if (f.sha256.empty()) return Error::internal("cannot store the file");
  f.created_at = clock_.now();
  Status st = db_.write([&](Repo& repo) -> Status {
    f.id = repo.insert_file(f);
    record_audit(repo, p, f.created_at, "create", "file", f.id, p.employee_branch_id, std::nullopt,
                 nlohmann::json{{"name", f.name}, {"content_type", f.content_type}, {"size", f.size}, {"sha256", f.sha256}});
    return ok_status();
  });
  if (!st) return std::move(st).error();
  return f;
}

Result<FileContent> FileService::read(const Principal& p, Id id, bool thumbnail) {
  std::optional<StoredFile> f;
  Status st = db_.read([&](Repo& repo) -> Status {
    f = repo.file(p.tenant_id, id);
    if (!f) return Error::not_found();
    // A file is readable by its uploader and by whoever may read a record it
    // belongs to (today: submissions), and by nobody else.
    if (f->owner_user_id == p.user_id) return ok_status();
    for (const auto& s : repo.submissions_with_file(p.tenant_id, id))
      if (may_read_submission(repo, p, s)) return ok_status();
    return Error::not_found();
  });
  if (!st) return std::move(st).error();
  if (thumbnail && !f->thumbnail_sha256) return Error::not_found();
  auto bytes = blobs_.get(thumbnail ? *f->thumbnail_sha256 : f->sha256);
  if (!bytes) return Error::internal("file content missing");
  return FileContent{*f, std::move(*bytes), thumbnail ? "image/jpeg" : f->content_type};
}

}  // namespace luodi
