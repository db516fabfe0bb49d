package io.mcbt.web.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

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

  private ApiException(String reason, Response response) {
    super(reason, response);
  }
}
