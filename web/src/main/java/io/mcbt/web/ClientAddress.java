package io.mcbt.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The client's address as the container gives it. Behind a balancer with {@code
 * MCBT_TRUST_PROXY_IP}, Payara takes it from a header, which a client reaching the instance
 * directly could fill with anything: only an IP address literal is taken, and never looked up.
 */
public final class ClientAddress {
  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");

  private ClientAddress() {}

  public static Optional<InetAddress> of(HttpServletRequest request) {
    return parse(request.getRemoteAddr());
  }

  /** An IP address literal as an address; empty for anything else (no name is looked up). */
  public static Optional<InetAddress> parse(String text) {
    if (text == null
        || !(IPV4.matcher(text).matches()
            || text.indexOf(':') >= 0 && IPV6.matcher(text).matches())) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(text));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
