package io.volumegate.api;

import io.volumegate.http.Exchange;
import io.volumegate.storage.IoExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code POST /api/v1/auth/token}: an S3 key pair in, a bearer token out; {@code POST /auth/refresh}: a token renewed. */
@ApplicationScoped
public class AuthResource {
    @Inject
    ApiTokens tokens;
    @Inject
    IoExecutor io;

    /** The request document. */
    public record TokenRequest(String accessKeyId, String secretAccessKey) {}

    /** The answer: the token, and how many seconds it lives. */
    public record TokenResponse(String token, String tokenType, long expiresIn) {}

    /** {@code POST /auth/refresh}: the caller's token for a new one (ours). */
    void renewToken(Exchange exchange, ApiRequest request) throws Exception {
        ApiTokens.Issued issued = tokens.renew(exchange.request().getHeader("Authorization"));
        ApiResponses.ok(exchange, new TokenResponse(issued.token(), "Bearer", issued.expiresIn()));
    }

    void issueToken(Exchange exchange, ApiRequest request) throws Exception {
        exchange.then(JsonBody.<TokenRequest>read(exchange, TokenRequest.class), io, body -> {
            ApiTokens.Issued issued = tokens.issue(body.accessKeyId(), body.secretAccessKey());
            ApiResponses.ok(exchange, new TokenResponse(issued.token(), "Bearer", issued.expiresIn()));
        });
    }
}
