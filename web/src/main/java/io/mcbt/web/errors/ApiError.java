package io.mcbt.web.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The JSON body of every error answer: {@code {"status":400,"error":"Bad Request","reason":"..."}}.
 *
 * @param status the HTTP status code
 * @param error the status's name
 * @param reason what was wrong, in words a user can act on
 */
public record ApiError(int status, String error, String reason) {

  public static Response response(Response.StatusType status, String reason) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ApiError(status.getStatusCode(), status.getReasonPhrase(), reason))
        .build();
  }
}
