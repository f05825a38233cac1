// Small helpers shared by the handler files.
#pragma once
#include "http/api.h"

// Evaluates a Result-returning expression; on error returns the error response.
#define LUODI_TRY(var, expr)                                          \
  auto var##_result = (expr);                                         \
  if (!var##_result) return error_response(var##_result.error(), c.lang); \
  auto& var = var##_result.value()

#define LUODI_TRY_STATUS(expr)                           \
  do {                                                   \
    auto status_result_ = (expr);                        \
    if (!status_result_) return error_response(status_result_.error(), c.lang); \
  } while (0)

namespace luodi::http {
// Content types browsers and tools send for a CSV upload.
inline bool csv_content_type(const std::string& ct) {
  std::string base = ct.substr(0, ct.find(';'));
  for (auto& ch : base) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  while (!base.empty() && base.back() == ' ') base.pop_back();
  return base == "text/csv" || base == "application/csv" || base == "text/plain" || base == "application/vnd.ms-excel" ||
         base == "application/octet-stream";
}
inline Response csv_required(Lang lang) {
  return error_response(Error::make(ErrorCode::kUnsupportedMediaType, "请以 text/csv 格式上传CSV文件",
                                    "Upload the CSV file with Content-Type text/csv"),
                        lang);
}
}  // namespace luodi::http
