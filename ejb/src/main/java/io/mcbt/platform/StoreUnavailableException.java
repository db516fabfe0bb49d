package io.mcbt.platform;

import com.mongodb.MongoException;
import jakarta.ejb.ApplicationException;

/**
 * MongoDB did not answer in time, or failed. An application exception, so that the EJB container
 * hands it to the caller as it is (the web layer answers 503 with {@code Retry-After}) instead of
 * logging a stack trace for every request made during an outage.
 */
@ApplicationException
public class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(MongoException cause) {
    super("the store is not reachable: " + cause.getMessage(), cause);
  }
}
