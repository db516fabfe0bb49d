package io.mcbt.web.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** Ends a request with an error status and a reason for the caller. */
public final class ApiException extends WebApplicationException {
  private static final long serialVersionUID = 1L;

  public ApiException(Response.Status status, String reason) {
    super(reason, ApiError.response(status, reason));
  }
}
