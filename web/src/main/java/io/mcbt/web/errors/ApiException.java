package io.mcbt.web.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/** Ends a request with an error status and a reason for the caller. */
public final class ApiException extends WebApplicationException {
  private static final long serialVersionUID = 1L;

  public ApiException(Response.Status status, String reason) {
    super(reason, ApiError.response(status, reason));
  }

  /** A publish without a valid token: 401 with the bearer challenge (RFC 6750). */
  public static ApiException unauthorized(String reason) {
    return new ApiException(
        reason,
        Response.fromResponse(ApiError.response(Response.Status.UNAUTHORIZED, reason))
            .header("WWW-Authenticate", "Bearer realm=\"mcbt\"")
            .build());
  }

  /** Over a rate limit: 429 (RFC 6585) with {@code Retry-After} in whole seconds. */
  public static ApiException tooManyRequests(String reason, Duration retryAfter) {
    return new ApiException(
        reason,
        Response.fromResponse(ApiError.response(Response.Status.TOO_MANY_REQUESTS, reason))
            .header(HttpHeaders.RETRY_AFTER, RetryAfter.seconds(retryAfter))
            .build());
  }

  private ApiException(String reason, Response response) {
    super(reason, response);
  }
}
