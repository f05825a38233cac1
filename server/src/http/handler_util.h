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
