package io.mcbt.web.index;

import io.mcbt.web.errors.ApiException;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body, refusing it as soon as it passes the limit. */
final class BoundedBody {
  private BoundedBody() {}

  static byte[] read(InputStream body, int maxBytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 64 * 1024));
    byte[] buffer = new byte[16 * 1024];
    try (body) {
      for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
        if (out.size() + read > maxBytes) {
          throw tooLarge(maxBytes);
        }
        out.write(buffer, 0, read);
      }
    } catch (IOException e) {
      throw new ApiException(
          Response.Status.BAD_REQUEST, "could not read the request body: " + e.getMessage());
    }
    return out.toByteArray();
  }

  static ApiException tooLarge(int maxBytes) {
    return new ApiException(
        Response.Status.REQUEST_ENTITY_TOO_LARGE,
        "a .torrent file may be at most " + maxBytes + " bytes");
  }
}
