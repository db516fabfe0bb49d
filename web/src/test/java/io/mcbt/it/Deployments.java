package io.mcbt.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The deployment every Arquillian test uses: the real WAR that the build made. */
final class Deployments {
  private Deployments() {}

  static WebArchive server() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/mcbt.war"));
  }
}
