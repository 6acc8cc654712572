package io.volumegate.api;

import jakarta.json.bind.annotation.JsonbNillable;

import java.util.List;

/**
 * The claims of a management API token. {@code sub} is the access key id of the S3
 * credential the token was issued for; {@code buckets}, {@code read_only} and {@code admin}
 * are that credential's scope when the token was issued (null buckets: every bucket). The
 * server still looks the credential up on every request: a deleted credential, or one whose
 * scope no longer matches, ends the token at once.
 *
 * @param iat issued at, seconds since the epoch
 * @param nbf not before, seconds since the epoch
 * @param exp expires at, seconds since the epoch
 * @param authTime when the key pair signed in, seconds since the epoch: set by a renewal
 *                 ({@code POST /auth/refresh}), which keeps the session's start; null in a sign-in's token
 */
public record TokenClaims(String sub, Long iat, Long nbf, Long exp, List<String> buckets, Boolean readOnly, Boolean admin,
                          @JsonbNillable(false) Long authTime) {}
