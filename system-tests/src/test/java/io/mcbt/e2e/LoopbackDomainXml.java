package io.mcbt.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Confines a freshly created Payara Server domain to loopback, by editing its domain.xml before its
 * first start: create-domain binds HTTP, IIOP, JMX and Hazelcast to every interface, and asadmin
 * {@code set} would only fix that after they had been open.
 */
final class LoopbackDomainXml {
  private static final String LOOPBACK = "127.0.0.1";

  private LoopbackDomainXml() {}

  static void rewrite(Path domainXml) throws IOException {
    String xml = Files.readString(domainXml);
    xml = replace(xml, "address=\"0.0.0.0\"", "address=\"" + LOOPBACK + "\"");
    // The HTTP and admin listeners of server-config have no address at all, which means any.
    xml =
        replace(
            xml,
            "<network-listener (?![^>]*address=)",
            "<network-listener address=\"" + LOOPBACK + "\" ");
    xml =
        replace(
            xml,
            "<hazelcast-runtime-configuration ",
            "<hazelcast-runtime-configuration interface=\""
                + LOOPBACK
                + "\" das-bind-address=\""
                + LOOPBACK
                + "\" das-public-address=\""
                + LOOPBACK
                + "\" ");
    // Even with an interface set, Hazelcast binds its member port to every address unless told.
    xml =
        replaceFirst(
            xml,
            "(<java-config[^>]*>)",
            "$1\n        <jvm-options>-Dhazelcast.socket.bind.any=false</jvm-options>");
    // Nothing here uses JMS, and the embedded broker would listen on every interface.
    xml = replace(xml, "(<jms-service[^>]*type=)\"EMBEDDED\"", "$1\"DISABLED\"");
    Files.writeString(domainXml, xml);
  }

  private static String replace(String xml, String regex, String replacement) {
    Matcher matcher = matcher(xml, regex);
    return matcher.replaceAll(replacement);
  }

  private static String replaceFirst(String xml, String regex, String replacement) {
    Matcher matcher = matcher(xml, regex);
    return matcher.replaceFirst(replacement);
  }

  /** Fails when a pattern no longer matches: then this Payara's domain.xml needs a new look. */
  private static Matcher matcher(String xml, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(xml);
    if (!matcher.find()) {
      throw new IllegalStateException("domain.xml has nothing matching " + regex);
    }
    matcher.reset();
    return matcher;
  }
}
