package io.mcbt.web.errors;

import io.mcbt.web.operations.ErrorCounts;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Gives the errors that JAX-RS raises itself (unknown path, wrong method, unsupported media type,
 * unacceptable type) the same JSON body as ours, instead of the container's HTML page.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
  @Inject ErrorCounts errors;

  @Override
  public Response toResponse(WebApplicationException exception) {
    Response response = exception.getResponse();
    errors.count(
        response.getStatus() >= 500
            ? ErrorCounts.Kind.API_SERVER_ERROR
            : ErrorCounts.Kind.API_CLIENT_ERROR);
    if (response.hasEntity()
        && MediaType.APPLICATION_JSON_TYPE.isCompatible(response.getMediaType())) {
      return response;
    }
    Response.StatusType status = response.getStatusInfo();
    String reason =
        switch (status.getStatusCode()) {
          case 404 -> "no such resource";
          case 405 -> "method not allowed here";
          case 406 -> "cannot answer in any of the accepted media types";
          case 415 -> "unsupported content type";
          default -> status.getReasonPhrase();
        };
    return ApiError.response(status, reason);
  }
}
