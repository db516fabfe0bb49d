package io.mcbt.web.index;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** {@code Content-Disposition} values that are safe whatever the file name holds (RFC 6266). */
final class ContentDisposition {
  private ContentDisposition() {}

  /** An ASCII fallback name plus the exact UTF-8 name in {@code filename*} (RFC 5987). */
  static String attachment(String fileName) {
    String ascii = fileName.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "_");
    String utf8 = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + utf8;
  }
}
