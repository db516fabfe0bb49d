package io.mcbt.web.errors;

import com.mongodb.MongoException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Optional;

/**
 * MongoDB unreachable (or failing) while a request needed it: 503 with {@code Retry-After}, since
 * the request may well succeed once the store is back. The tracker keeps answering from memory.
 */
final class StoreUnavailable {
  static final Duration RETRY_AFTER = Duration.ofSeconds(30);
  private static final int MAX_CAUSES = 16;

  private StoreUnavailable() {}

  /** The MongoDB failure behind {@code failure} (EJB calls wrap it), if that is what it was. */
  static Optional<MongoException> causeOf(Throwable failure) {
    Throwable cause = failure;
    for (int i = 0; cause != null && i < MAX_CAUSES; i++, cause = cause.getCause()) {
      if (cause instanceof MongoException mongo) {
        return Optional.of(mongo);
      }
    }
    return Optional.empty();
  }

  static Response response() {
    return Response.fromResponse(
            ApiError.response(
                Response.Status.SERVICE_UNAVAILABLE,
                "the store (MongoDB) is not reachable: try again later"))
        .header(HttpHeaders.RETRY_AFTER, RetryAfter.seconds(RETRY_AFTER))
        .build();
  }
}
