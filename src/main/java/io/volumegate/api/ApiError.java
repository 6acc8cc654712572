package io.volumegate.api;

/** The body of every management API error: {@code {"code": "...", "message": "..."}}. */
public record ApiError(String code, String message) {}
