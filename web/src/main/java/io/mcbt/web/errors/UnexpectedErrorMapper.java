package io.mcbt.web.errors;

import com.mongodb.MongoException;
import io.mcbt.web.operations.ErrorCounts;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last resort: a fault of ours is logged with an id, and the caller gets that id, never a stack
 * trace. A MongoDB failure is not a fault but an outage: 503 with {@code Retry-After}.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {
  @Inject ErrorCounts errors;
  private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

  @Override
  public Response toResponse(Throwable exception) {
    errors.count(ErrorCounts.Kind.API_SERVER_ERROR);
    Optional<MongoException> store = StoreUnavailable.causeOf(exception);
    if (store.isPresent()) {
      // Expected while MongoDB is down: one line, no stack trace.
      LOG.warning("Store unavailable, answered 503: " + store.get());
      return StoreUnavailable.response();
    }
    String incident = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, exception);
    return ApiError.response(
        Response.Status.INTERNAL_SERVER_ERROR, "internal error, incident " + incident);
  }
}
