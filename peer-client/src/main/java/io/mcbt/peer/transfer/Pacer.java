package io.mcbt.peer.transfer;

/**
 * A token bucket that spaces datagrams to a rate, allowing a short burst after an idle spell: the
 * sender asks how long to wait before each datagram. Not thread-safe; time is a parameter.
 */
final class Pacer {
  private final long burstNs;
  private double nsPerByte;
  private long nextFreeNs;

  /**
   * @param bytesPerSecond the rate to keep
   * @param burstNs how much idle time may be spent at once (as a burst) afterwards
   * @param nowNs the current time
   */
  Pacer(double bytesPerSecond, long burstNs, long nowNs) {
    this.burstNs = burstNs;
    this.nextFreeNs = nowNs;
    rate(bytesPerSecond);
  }

  void rate(double bytesPerSecond) {
    if (!(bytesPerSecond > 0)) {
      throw new IllegalArgumentException("a rate is positive");
    }
    nsPerByte = 1e9 / bytesPerSecond;
  }

  double rate() {
    return 1e9 / nsPerByte;
  }

  /** Takes {@code bytes} from the bucket: returns how many ns to wait before sending them. */
  long reserve(int bytes, long nowNs) {
    if (nowNs - nextFreeNs > burstNs) {
      nextFreeNs = nowNs - burstNs;
    }
    long waitNs = Math.max(0, nextFreeNs - nowNs);
    nextFreeNs += (long) (bytes * nsPerByte);
    return waitNs;
  }
}
