// Password hashing (argon2id via libsodium) and session tokens.
#pragma once
#include <string>
#include <string_view>

namespace luodi {

// Must be called once before any other function here (idempotent, thread-safe).
bool crypto_init();

// argon2id hash string (salted, self-describing). Cost: t=2, m=19 MiB — the
// OWASP minimum for argon2id; about 25 ms on one core.
std::string hash_password(std::string_view password);
bool verify_password(const std::string& hash, std::string_view password);

// 256-bit random token, base64url without padding (43 chars).
std::string random_token();
// Hex SHA-256 of a token: what the database stores.
std::string token_hash(std::string_view token);
// Hex SHA-256 of any bytes.
std::string sha256_hex(std::string_view bytes);
// Raw SHA-256 (32 bytes) of any bytes.
std::string sha256_bytes(std::string_view bytes);
// HMAC-SHA-256 of `message` under `key`, base64url, cut to `chars` characters.
std::string hmac_token(std::string_view key, std::string_view message, size_t chars);

}  // namespace luodi
